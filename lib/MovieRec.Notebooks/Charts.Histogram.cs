using Plotly.NET;

namespace MovieRec.Notebooks;

public static partial class Charts
{
    /// <summary>
    /// A histogram of <paramref name="values"/> (e.g. ratings, ratings per user).
    /// </summary>
    /// <param name="values">The observations; must be finite.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xAxisTitle">What a value is, e.g. "Rating".</param>
    /// <param name="yAxisTitle">Defaults to "Count".</param>
    /// <param name="bins">Number of bins; 0 (default) lets plotly.js choose.</param>
    public static GenericChart Histogram(IEnumerable<double> values, string title, string xAxisTitle, string yAxisTitle = "Count", int bins = 0)
    {
        var data = RequireFinite(values, nameof(values));
        RequireTitles(title, xAxisTitle, yAxisTitle);
        if (bins < 0)
        {
            throw new ArgumentException($"bins must be 0 (automatic) or positive, not {bins}.", nameof(bins));
        }

        var chart = bins == 0
            ? Plotly.NET.CSharp.Chart.Histogram<double, double, string>(X: data)
            : Plotly.NET.CSharp.Chart.Histogram<double, double, string>(X: data, NBinsX: bins);
        return Decorate(chart, title, xAxisTitle, yAxisTitle);
    }
}
