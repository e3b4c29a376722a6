using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace MovieRec.NotebookRunner;

/// <summary>
/// Converts the kernel events of one submission into nbformat 4 outputs (stream, display_data, execute_result,
/// error) and reports whether the submission failed and why.
/// </summary>
internal static class CellOutputs
{
    /// <summary>Appends the outputs of <paramref name="result"/> to <paramref name="cell"/>; returns the failure message or null.</summary>
    public static string? Append(NotebookCell cell, KernelCommandResult result, int executionCount)
    {
        var outputs = cell.Outputs;
        var displays = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        string? failure = null;
        foreach (var kernelEvent in result.Events)
        {
            switch (kernelEvent)
            {
                case StandardOutputValueProduced stdout:
                    AppendStream(outputs, "stdout", TextOf(stdout.FormattedValues));
                    break;
                case StandardErrorValueProduced stderr:
                    AppendStream(outputs, "stderr", TextOf(stderr.FormattedValues));
                    break;
                case ReturnValueProduced returned:
                    outputs.Add(new JsonObject
                    {
                        ["output_type"] = "execute_result",
                        ["execution_count"] = executionCount,
                        ["data"] = DataOf(returned.FormattedValues),
                        ["metadata"] = new JsonObject(),
                    });
                    break;
                case DisplayedValueUpdated updated when updated.ValueId is not null && displays.TryGetValue(updated.ValueId, out var shown):
                    shown["data"] = DataOf(updated.FormattedValues);
                    break;
                case DisplayedValueProduced or DisplayedValueUpdated:
                    var display = (DisplayEvent)kernelEvent;
                    var node = new JsonObject
                    {
                        ["output_type"] = "display_data",
                        ["data"] = DataOf(display.FormattedValues),
                        ["metadata"] = new JsonObject(),
                    };
                    if (display.ValueId is not null)
                    {
                        displays[display.ValueId] = node;
                    }

                    outputs.Add(node);
                    break;
                case ErrorProduced error:
                    failure ??= error.Message;
                    break;
                case CommandFailed failed:
                    failure = failed.Message ?? failed.Exception?.Message ?? "the cell failed";
                    outputs.Add(new JsonObject
                    {
                        ["output_type"] = "error",
                        ["ename"] = failed.Exception?.GetType().Name ?? "Error",
                        ["evalue"] = failure,
                        ["traceback"] = new JsonArray(failure.Split('\n').Select(l => (JsonNode?)JsonValue.Create(l)).ToArray()),
                    });
                    break;
            }
        }

        return failure;
    }

    private static void AppendStream(JsonArray outputs, string name, string text)
    {
        // Consecutive writes to one stream become one output, as in Jupyter.
        if (outputs.Count > 0 && outputs[^1] is JsonObject last && last["output_type"]?.GetValue<string>() == "stream" &&
            last["name"]?.GetValue<string>() == name && last["text"] is JsonValue previous)
        {
            last["text"] = previous.GetValue<string>() + text;
            return;
        }

        outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
    }

    private static string TextOf(IReadOnlyCollection<FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == PlainTextFormatter.MimeType)?.Value ?? values.FirstOrDefault()?.Value ?? string.Empty;

    private static JsonObject DataOf(IReadOnlyCollection<FormattedValue> values)
    {
        var data = new JsonObject();
        foreach (var value in values)
        {
            if (value.MimeType.EndsWith("json", StringComparison.Ordinal))
            {
                try
                {
                    data[value.MimeType] = JsonNode.Parse(value.Value);
                    continue;
                }
                catch (JsonException)
                {
                    // Not JSON after all: keep it as text below.
                }
            }

            data[value.MimeType] = value.Value;
        }

        return data;
    }
}
