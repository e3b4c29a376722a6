using Plotly.NET;

namespace MovieRec.Notebooks;

public static partial class Charts
{
    /// <summary>
    /// Points in 2-D, e.g. item embeddings projected to two dimensions, coloured by group (one trace and legend
    /// entry per group, in order of first appearance) with an optional hover label per point (e.g. the title).
    /// </summary>
    /// <param name="x">Horizontal coordinates.</param>
    /// <param name="y">Vertical coordinates, one per x.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xAxisTitle">E.g. "Component 1".</param>
    /// <param name="yAxisTitle">E.g. "Component 2".</param>
    /// <param name="groups">Optional group per point (e.g. main genre); null puts every point in one trace.</param>
    /// <param name="labels">Optional hover text per point.</param>
    public static GenericChart Scatter(IReadOnlyList<double> x, IReadOnlyList<double> y, string title, string xAxisTitle, string yAxisTitle,
        IReadOnlyList<string>? groups = null, IReadOnlyList<string>? labels = null)
    {
        var xs = RequireFinite(x, nameof(x));
        var ys = RequireFinite(y, nameof(y));
        RequireTitles(title, xAxisTitle, yAxisTitle);
        if (xs.Length != ys.Length)
        {
            throw new ArgumentException($"{xs.Length} x values but {ys.Length} y values.", nameof(y));
        }

        if (groups is not null && groups.Count != xs.Length)
        {
            throw new ArgumentException($"{groups.Count} groups for {xs.Length} points.", nameof(groups));
        }

        if (labels is not null && labels.Count != xs.Length)
        {
            throw new ArgumentException($"{labels.Count} labels for {xs.Length} points.", nameof(labels));
        }

        var groupNames = groups is null ? [string.Empty] : groups.Distinct(StringComparer.Ordinal).ToArray();
        var traces = new List<GenericChart>(groupNames.Length);
        foreach (var group in groupNames)
        {
            var rows = Enumerable.Range(0, xs.Length).Where(i => groups is null || string.Equals(groups[i], group, StringComparison.Ordinal)).ToArray();
            var trace = labels is null
                ? Plotly.NET.CSharp.Chart.Point<double, double, string>(rows.Select(i => xs[i]), rows.Select(i => ys[i]),
                    Name: group, ShowLegend: groups is not null)
                : Plotly.NET.CSharp.Chart.Point<double, double, string>(rows.Select(i => xs[i]), rows.Select(i => ys[i]),
                    Name: group, ShowLegend: groups is not null, MultiText: rows.Select(i => labels[i]).ToArray());
            traces.Add(trace);
        }

        return Decorate(Plotly.NET.CSharp.Chart.Combine(traces), title, xAxisTitle, yAxisTitle);
    }
}
