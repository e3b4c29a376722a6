using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.TraceObjects;

namespace MovieRec.Notebooks;

public static partial class Charts
{
    /// <summary>
    /// Bars side by side: one group per category (e.g. a model), one coloured bar per series (e.g. a metric), each
    /// with optional asymmetric error bars from the series' <see cref="BarSeries.Lower"/>/<see cref="BarSeries.Upper"/>
    /// — the form for "metric with its 95% interval" across models or subgroups.
    /// </summary>
    /// <param name="categories">Group labels along the x axis, distinct, in display order.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xAxisTitle">What the categories are, e.g. "Model".</param>
    /// <param name="yAxisTitle">What the values are, e.g. "Value at K = 10".</param>
    /// <param name="series">At least one series, names distinct, each with one value (and interval) per category.</param>
    public static GenericChart GroupedBar(IEnumerable<string> categories, string title, string xAxisTitle, string yAxisTitle, params BarSeries[] series)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var keys = categories.ToArray();
        RequireTitles(title, xAxisTitle, yAxisTitle);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Length == 0)
        {
            throw new ArgumentException("At least one series is needed.", nameof(series));
        }

        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Length)
        {
            throw new ArgumentException("Categories must be distinct (plotly.js would merge equal bars).", nameof(categories));
        }

        if (series.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != series.Length)
        {
            throw new ArgumentException("Series names must be distinct (they are the legend).", nameof(series));
        }

        var traces = new List<GenericChart>(series.Length);
        foreach (var bars in series)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(bars.Name, nameof(series));
            var values = RequireFinite(bars.Values, nameof(series));
            if (values.Length != keys.Length)
            {
                throw new ArgumentException($"Series '{bars.Name}' has {values.Length} values for {keys.Length} categories.", nameof(series));
            }

            var trace = Plotly.NET.CSharp.Chart.Column<double, string, string>(values: values, Keys: keys, Name: bars.Name, ShowLegend: true);
            if (bars.Lower is not null || bars.Upper is not null)
            {
                trace = Plotly.NET.Chart.withYError(IntervalError(bars, values)).Invoke(trace);
            }

            traces.Add(trace);
        }

        return Decorate(Plotly.NET.CSharp.Chart.Combine(traces), title, xAxisTitle, yAxisTitle);
    }

    /// <summary>Asymmetric error bars reaching from each value down to Lower and up to Upper.</summary>
    private static Error IntervalError(BarSeries bars, double[] values)
    {
        if (bars.Lower is null || bars.Upper is null)
        {
            throw new ArgumentException($"Series '{bars.Name}' needs both Lower and Upper, or neither.", "series");
        }

        var lower = RequireFinite(bars.Lower, "series");
        var upper = RequireFinite(bars.Upper, "series");
        if (lower.Length != values.Length || upper.Length != values.Length)
        {
            throw new ArgumentException($"Series '{bars.Name}' needs one Lower and one Upper per value.", "series");
        }

        var plus = new double[values.Length];
        var minus = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (lower[i] > values[i] || upper[i] < values[i])
            {
                throw new ArgumentException(
                    $"Series '{bars.Name}', bar {i}: the interval [{lower[i]}, {upper[i]}] does not contain the value {values[i]}.", "series");
            }

            plus[i] = upper[i] - values[i];
            minus[i] = values[i] - lower[i];
        }

        return Error.init<double, double>(
            Visible: FSharpOption<bool>.Some(true),
            Type: FSharpOption<StyleParam.ErrorType>.Some(StyleParam.ErrorType.Data),
            Symmetric: FSharpOption<bool>.Some(false),
            Array: FSharpOption<IEnumerable<double>>.Some(plus),
            Arrayminus: FSharpOption<IEnumerable<double>>.Some(minus),
            // F# optional parameters are not optional from C#: None is null.
            ArrayEncoded: null, ArrayminusEncoded: null, Value: null, Valueminus: null, Traceref: null,
            Tracerefminus: null, Copy_ystyle: null, Color: null, Thickness: null, Width: null);
    }
}
