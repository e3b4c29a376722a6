using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.TraceObjects;

namespace MovieRec.Notebooks;

public static partial class Charts
{
    /// <summary>
    /// A vertical bar chart, one bar per category, optionally with symmetric error bars (e.g. metric ± 95% CI half-width).
    /// </summary>
    /// <param name="categories">Bar labels, in display order; must be distinct.</param>
    /// <param name="values">Bar heights, one per category.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xAxisTitle">What the categories are, e.g. "Model".</param>
    /// <param name="yAxisTitle">What the values are, e.g. "NDCG@10".</param>
    /// <param name="errors">Optional error-bar half-widths, one per category, non-negative.</param>
    public static GenericChart Bar(IEnumerable<string> categories, IEnumerable<double> values, string title, string xAxisTitle, string yAxisTitle,
        IEnumerable<double>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var keys = categories.ToArray();
        var heights = RequireFinite(values, nameof(values));
        RequireTitles(title, xAxisTitle, yAxisTitle);
        if (keys.Length != heights.Length)
        {
            throw new ArgumentException($"{keys.Length} categories but {heights.Length} values.", nameof(values));
        }

        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Length)
        {
            throw new ArgumentException("Categories must be distinct (plotly.js would merge equal bars).", nameof(categories));
        }

        var chart = Plotly.NET.CSharp.Chart.Column<double, string, string>(values: heights, Keys: keys);
        if (errors is not null)
        {
            var halfWidths = RequireFinite(errors, nameof(errors));
            if (halfWidths.Length != heights.Length)
            {
                throw new ArgumentException($"{halfWidths.Length} errors but {heights.Length} values.", nameof(errors));
            }

            if (halfWidths.Any(e => e < 0))
            {
                throw new ArgumentException("Error-bar half-widths must be non-negative.", nameof(errors));
            }

            var error = Error.init<double, double>(
                Visible: FSharpOption<bool>.Some(true),
                Type: FSharpOption<StyleParam.ErrorType>.Some(StyleParam.ErrorType.Data),
                Symmetric: FSharpOption<bool>.Some(true),
                Array: FSharpOption<IEnumerable<double>>.Some(halfWidths),
                // F# optional parameters are not optional from C#: None is null.
                Arrayminus: null, ArrayEncoded: null, ArrayminusEncoded: null, Value: null, Valueminus: null, Traceref: null,
                Tracerefminus: null, Copy_ystyle: null, Color: null, Thickness: null, Width: null);
            chart = Plotly.NET.Chart.withYError(error).Invoke(chart);
        }

        return Decorate(chart, title, xAxisTitle, yAxisTitle);
    }
}
