using System.Text;
using Platform.Api.OpenAI.Responses;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Generation;

/// <summary>Puts tool-call pieces from grains into OpenAI's shapes: streamed deltas, or whole calls gathered from them.</summary>
internal static class ToolCallShapes
{
    /// <summary>A chunk's pieces as streamed <c>tool_calls</c> deltas.</summary>
    public static ToolCallDeltaResponse[] Deltas(IReadOnlyList<ToolCallChunk> calls)
    {
        var result = new ToolCallDeltaResponse[calls.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var c = calls[i];
            result[i] = new ToolCallDeltaResponse
            {
                Index = c.Index,
                Id = c.Id,
                Type = c.Id is null ? null : "function",
                Function = new FunctionCallDelta { Name = c.Name, Arguments = c.Arguments },
            };
        }
        return result;
    }

    /// <summary>Gathers a choice's pieces into whole calls, by index.</summary>
    public sealed class Gathered
    {
        private readonly List<(string Id, string Name, StringBuilder Arguments)> _calls = [];

        public int Count => _calls.Count;

        public void Add(IReadOnlyList<ToolCallChunk> pieces)
        {
            foreach (var piece in pieces)
            {
                if (piece.Index == _calls.Count && piece.Id is { } id && piece.Name is { } name)
                    _calls.Add((id, name, new StringBuilder(piece.Arguments)));
                else if (piece.Index >= 0 && piece.Index < _calls.Count)
                    _calls[piece.Index].Arguments.Append(piece.Arguments);
            }
        }

        public IReadOnlyList<ToolCallResponse>? ToResponse() => _calls.Count == 0 ? null
            : _calls.Select(c => new ToolCallResponse { Id = c.Id, Function = new FunctionCallResponse { Name = c.Name, Arguments = c.Arguments.ToString() } }).ToList();
    }
}
