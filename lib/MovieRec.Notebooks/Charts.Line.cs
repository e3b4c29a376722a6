using Plotly.NET;

namespace MovieRec.Notebooks;

public static partial class Charts
{
    /// <summary>
    /// Lines with markers, one per series, sharing axes: training curves (loss per epoch for train and validation)
    /// or a metric against a parameter.
    /// </summary>
    /// <param name="title">Chart title.</param>
    /// <param name="xAxisTitle">E.g. "Epoch".</param>
    /// <param name="yAxisTitle">E.g. "Loss".</param>
    /// <param name="series">At least one series; names must be distinct.</param>
    public static GenericChart Line(string title, string xAxisTitle, string yAxisTitle, params LineSeries[] series)
    {
        RequireTitles(title, xAxisTitle, yAxisTitle);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0)
        {
            throw new ArgumentException("At least one series is needed.", nameof(series));
        }

        if (series.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != series.Length)
        {
            throw new ArgumentException("Series names must be distinct (they are the legend).", nameof(series));
        }

        var traces = new List<GenericChart>(series.Length);
        foreach (var line in series)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(line.Name, nameof(series));
            var x = RequireFinite(line.X, nameof(series));
            var y = RequireFinite(line.Y, nameof(series));
            if (x.Length != y.Length)
            {
                throw new ArgumentException($"Series '{line.Name}' has {x.Length} x values but {y.Length} y values.", nameof(series));
            }

            traces.Add(Plotly.NET.CSharp.Chart.Line<double, double, string>(x, y, ShowMarkers: true, Name: line.Name, ShowLegend: true));
        }

        return Decorate(Plotly.NET.CSharp.Chart.Combine(traces), title, xAxisTitle, yAxisTitle);
    }
}
