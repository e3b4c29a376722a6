using Plotly.NET;

namespace MovieRec.Notebooks;

public static partial class Charts
{
    /// <summary>
    /// A heatmap of a matrix, e.g. genre co-occurrence or a model-by-metric table; row 0 is drawn at the top.
    /// </summary>
    /// <param name="values">values[row, column]; must be finite.</param>
    /// <param name="columnLabels">One label per column (x axis).</param>
    /// <param name="rowLabels">One label per row (y axis).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xAxisTitle">What the columns are.</param>
    /// <param name="yAxisTitle">What the rows are.</param>
    public static GenericChart Heatmap(double[,] values, IReadOnlyList<string> columnLabels, IReadOnlyList<string> rowLabels,
        string title, string xAxisTitle, string yAxisTitle)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(columnLabels);
        ArgumentNullException.ThrowIfNull(rowLabels);
        RequireTitles(title, xAxisTitle, yAxisTitle);
        int rows = values.GetLength(0), columns = values.GetLength(1);
        if (rows == 0 || columns == 0)
        {
            throw new ArgumentException("The matrix is empty.", nameof(values));
        }

        if (columnLabels.Count != columns)
        {
            throw new ArgumentException($"{columnLabels.Count} column labels for {columns} columns.", nameof(columnLabels));
        }

        if (rowLabels.Count != rows)
        {
            throw new ArgumentException($"{rowLabels.Count} row labels for {rows} rows.", nameof(rowLabels));
        }

        var z = new double[rows][];
        for (var r = 0; r < rows; r++)
        {
            z[r] = RequireFinite(Enumerable.Range(0, columns).Select(c => values[r, c]), nameof(values));
        }

        var chart = Plotly.NET.CSharp.Chart.Heatmap<double, string, string, string>(
            zData: z, X: columnLabels.ToArray(), Y: rowLabels.ToArray(), ReverseYAxis: true);
        return Decorate(chart, title, xAxisTitle, yAxisTitle);
    }
}
