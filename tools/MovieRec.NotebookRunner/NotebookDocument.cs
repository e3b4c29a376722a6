using System.Text.Json;
using System.Text.Json.Nodes;

namespace MovieRec.NotebookRunner;

/// <summary>
/// A Jupyter .ipynb file (nbformat 4) as JSON nodes: cells are read and their outputs replaced, everything else
/// (cell metadata such as tags and the Polyglot kernel name, notebook metadata) is written back untouched.
/// Working on the JSON rather than a document model keeps papermill-style "parameters" tags and any metadata a
/// front-end adds.
/// </summary>
public sealed class NotebookDocument
{
    private readonly JsonObject _root;

    private NotebookDocument(string path, JsonObject root, List<NotebookCell> cells)
    {
        Path = path;
        _root = root;
        Cells = cells;
    }

    /// <summary>Full path the notebook was read from.</summary>
    public string Path { get; }

    /// <summary>File name without extension, e.g. "01-data-exploration".</summary>
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>The cells in file order; <see cref="NotebookCell.Number"/> is 1-based.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; private set; }

    /// <summary>Reads and checks an .ipynb file; throws <see cref="InvalidDataException"/> naming the file when it is not a notebook.</summary>
    public static NotebookDocument Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"Notebook not found: {full}", full);
        }

        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(File.ReadAllText(full));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{full} is not valid JSON: {ex.Message}", ex);
        }

        if (parsed is not JsonObject root || root["cells"] is not JsonArray cellArray)
        {
            throw new InvalidDataException($"{full} is not a Jupyter notebook: no \"cells\" array.");
        }

        var cells = new List<NotebookCell>(cellArray.Count);
        for (var i = 0; i < cellArray.Count; i++)
        {
            if (cellArray[i] is not JsonObject cell)
            {
                throw new InvalidDataException($"{full}: cell {i + 1} is not a JSON object.");
            }

            cells.Add(new NotebookCell(i + 1, cell));
        }

        return new NotebookDocument(full, root, cells);
    }

    /// <summary>Inserts a code cell after <paramref name="after"/> (used for injected parameters); it gets no number of its own.</summary>
    public NotebookCell InsertCodeCellAfter(NotebookCell after, string source, params string[] tags)
    {
        var node = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject
            {
                ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
                ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            },
            ["outputs"] = new JsonArray(),
            ["source"] = NotebookCell.ToSourceLines(source),
        };
        var array = (JsonArray)_root["cells"]!;
        array.Insert(array.IndexOf(after.Node) + 1, node);
        var cell = new NotebookCell(0, node);
        var list = Cells.ToList();
        list.Insert(list.IndexOf(after) + 1, cell);
        Cells = list;
        return cell;
    }

    /// <summary>The notebook as nbformat 4 JSON (one-space indentation, as Jupyter and VS Code write it).</summary>
    public string ToJson() => _root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, IndentSize = 1 }) + "\n";
}
