using System.Globalization;

namespace Platform.Api.Traffic;

/// <summary>
/// A served name that splits traffic between model versions by weight (`--alias chat=model-a:90,model-b:10`): each
/// request goes to one target, picked from a hash of its seed (the response id, or the session id), so a given seed
/// always lands on the same version and a test can count where 1,000 seeds land.
/// </summary>
public sealed record ModelAlias(string Name, IReadOnlyList<AliasTarget> Targets)
{
    /// <summary>Parses `NAME=MODEL:WEIGHT,MODEL:WEIGHT…` (a weight after a model's last ':'); a usage error names what is wrong.</summary>
    public static ModelAlias Parse(string spec)
    {
        var equals = spec.IndexOf('=');
        if (equals <= 0)
            throw new ArgumentException($"--alias '{spec}' must look like NAME=model-a:90,model-b:10.");
        var name = spec[..equals].Trim();
        var targets = new List<AliasTarget>();
        foreach (var part in spec[(equals + 1)..].Split(','))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(part.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
                throw new ArgumentException($"--alias '{name}': target '{part}' must be MODEL:WEIGHT with a whole-number weight (0 or more).");
            var model = part[..colon].Trim();
            if (model == name)
                throw new ArgumentException($"--alias '{name}' cannot name itself as a target.");
            if (targets.Any(t => t.Model == model))
                throw new ArgumentException($"--alias '{name}' names target '{model}' twice.");
            targets.Add(new AliasTarget(model, weight));
        }
        if (targets.Sum(t => (long)t.Weight) is var total && (total <= 0 || total > int.MaxValue))
            throw new ArgumentException($"--alias '{name}': the weights must add up to between 1 and {int.MaxValue}, got {total}.");
        return new ModelAlias(name, targets);
    }

    /// <summary>The target of the request seeded with <paramref name="seed"/>: target i with probability weight_i / total.</summary>
    public string Pick(string seed)
    {
        var point = (long)(Hash(seed) % (ulong)Targets.Sum(t => t.Weight));
        foreach (var target in Targets)
        {
            if (point < target.Weight)
                return target.Model;
            point -= target.Weight;
        }
        throw new InvalidOperationException("unreachable: the point lies below the total weight");
    }

    /// <summary>Whether <paramref name="model"/> is one of the alias's targets.</summary>
    public bool HasTarget(string model) => Targets.Any(t => t.Model == model);

    // FNV-1a, then a finalizer so nearby seeds ("…-1", "…-2") spread over the whole range: stable across processes.
    private static ulong Hash(string seed)
    {
        var h = 14695981039346656037UL;
        foreach (var c in seed)
            h = (h ^ c) * 1099511628211UL;
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        return h ^ (h >> 33);
    }
}
