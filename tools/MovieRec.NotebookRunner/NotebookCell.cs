using System.Text.Json.Nodes;

namespace MovieRec.NotebookRunner;

/// <summary>One cell of a <see cref="NotebookDocument"/>: its kind, source, tags and (for code cells) outputs.</summary>
public sealed class NotebookCell
{
    internal NotebookCell(int number, JsonObject node)
    {
        Number = number;
        Node = node;
    }

    /// <summary>1-based position in the file as written (0 for a cell the runner inserted).</summary>
    public int Number { get; }

    internal JsonObject Node { get; }

    /// <summary>"code", "markdown" or "raw".</summary>
    public string CellType => Node["cell_type"]?.GetValue<string>() ?? "raw";

    /// <summary>True for code cells.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>The cell's text (nbformat stores it as a string or a list of lines).</summary>
    public string Source => Node["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? string.Empty)),
        JsonValue text => text.GetValue<string>(),
        _ => string.Empty,
    };

    /// <summary>The Polyglot kernel name of a code cell ("csharp" when the notebook does not say).</summary>
    public string KernelName =>
        Node["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
        ?? Node["metadata"]?["dotnet_interactive"]?["language"]?.GetValue<string>()
        ?? "csharp";

    /// <summary>Cell tags (metadata.tags), e.g. "parameters".</summary>
    public IReadOnlyList<string> Tags =>
        Node["metadata"]?["tags"] is JsonArray tags
            ? tags.Select(t => t?.GetValue<string>() ?? string.Empty).ToArray()
            : [];

    /// <summary>The outputs array the runner fills (code cells only).</summary>
    internal JsonArray Outputs
    {
        get
        {
            if (Node["outputs"] is not JsonArray outputs)
            {
                outputs = [];
                Node["outputs"] = outputs;
            }

            return outputs;
        }
    }

    /// <summary>Clears outputs and the execution count (before a run, so stale outputs never survive).</summary>
    internal void ResetOutputs()
    {
        if (IsCode)
        {
            Outputs.Clear();
            Node["execution_count"] = null;
        }
    }

    internal void SetExecutionCount(int count) => Node["execution_count"] = count;

    /// <summary>First non-blank line of the source, shortened: identifies the cell in error messages.</summary>
    public string FirstLine
    {
        get
        {
            var line = Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
            return line.Length <= 60 ? line : line[..57] + "...";
        }
    }

    /// <summary>nbformat's multi-line string: a list of lines, each but the last ending in "\n".</summary>
    internal static JsonArray ToSourceLines(string text)
    {
        var array = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                array.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            array.Add(text[start..]);
        }

        return array;
    }
}
