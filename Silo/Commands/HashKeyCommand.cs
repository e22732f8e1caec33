using System.CommandLine;
using Platform.Api.Tenants;

namespace Platform.Silo.Commands;

/// <summary>`platform hash-key [KEY]`: prints the SHA-256 hex of an API key (from the argument, else the first line of stdin) for the `--api-keys` file.</summary>
public static class HashKeyCommand
{
    public static Command Create()
    {
        var key = new Argument<string?>("key") { Description = "The API key (omit it to read the key from stdin, which keeps it out of shell history and the process list)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("hash-key", "Print the SHA-256 hash of an API key, as the --api-keys file stores it");
        command.Arguments.Add(key);
        command.SetAction(r => Run(r.GetValue(key), Console.In, Console.Out, Console.Error));
        return command;
    }

    /// <summary>The command's work; returns the exit code (0, or 2 for an empty key).</summary>
    public static int Run(string? key, TextReader input, TextWriter output, TextWriter error)
    {
        // Only the line ending is dropped: any other character is part of the key.
        key ??= input.ReadLine();
        if (string.IsNullOrEmpty(key))
        {
            error.WriteLine("error: give the key as the argument or on stdin; an empty key cannot be hashed.");
            return 2;
        }
        output.WriteLine(ApiKeyHash.Hex(key));
        return 0;
    }
}
