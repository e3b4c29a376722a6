namespace MovieRec.NotebookRunner;

/// <summary>A notebook cell failed (compile error or exception); the message names the notebook and the cell.</summary>
public sealed class NotebookCellFailedException : Exception
{
    public NotebookCellFailedException(string notebookName, int cellNumber, string firstLine, string error)
        : base($"notebook {notebookName}, cell {cellNumber} ({firstLine}): {error}")
    {
        NotebookName = notebookName;
        CellNumber = cellNumber;
        Error = error;
    }

    /// <summary>File name without extension.</summary>
    public string NotebookName { get; }

    /// <summary>1-based position of the cell in the file, markdown cells included.</summary>
    public int CellNumber { get; }

    /// <summary>The kernel's error text.</summary>
    public string Error { get; }
}
