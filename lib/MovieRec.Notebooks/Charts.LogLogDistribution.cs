using Plotly.NET;

namespace MovieRec.Notebooks;

public static partial class Charts
{
    /// <summary>
    /// The long-tail view: for counts such as ratings per movie, how many movies have each count, on log-log axes
    /// (a power law is a straight line). Counts of zero cannot sit on a log axis; how many there were is said in
    /// the title rather than dropped silently.
    /// </summary>
    /// <param name="counts">One non-negative count per entity (e.g. per movie).</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xAxisTitle">What is counted, e.g. "Ratings per movie".</param>
    /// <param name="yAxisTitle">Defaults to "Number of entities with that count".</param>
    public static GenericChart LogLogDistribution(IEnumerable<int> counts, string title, string xAxisTitle,
        string yAxisTitle = "Number of entities with that count")
    {
        ArgumentNullException.ThrowIfNull(counts);
        RequireTitles(title, xAxisTitle, yAxisTitle);
        var frequencies = new SortedDictionary<int, int>();
        var zeros = 0;
        foreach (var count in counts)
        {
            if (count < 0)
            {
                throw new ArgumentException($"Counts must be non-negative; found {count}.", nameof(counts));
            }

            if (count == 0)
            {
                zeros++;
                continue;
            }

            frequencies[count] = frequencies.GetValueOrDefault(count) + 1;
        }

        if (frequencies.Count == 0)
        {
            throw new ArgumentException("No positive count to plot.", nameof(counts));
        }

        var fullTitle = zeros == 0 ? title : $"{title} ({zeros:N0} with count 0 not shown on log axes)";
        var chart = Plotly.NET.CSharp.Chart.Point<double, double, string>(
            frequencies.Keys.Select(k => (double)k), frequencies.Values.Select(v => (double)v), Name: "frequency");
        return Decorate(chart, fullTitle, xAxisTitle, yAxisTitle, StyleParam.AxisType.Log, StyleParam.AxisType.Log);
    }
}
