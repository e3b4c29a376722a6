using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Analysis;

namespace MovieRec.Evaluation;

public static partial class Leaderboard
{
    /// <summary>
    /// A compact table for reading: Model, then each ranking metric as "estimate [low, high]", Coverage, Novelty and
    /// Diversity (with intervals where they have one), RMSE and MAE (empty for non-rating models), fit and recommend
    /// seconds. All columns are strings, rounded to <paramref name="digits"/>; use <see cref="ToDataFrame(IEnumerable{EvaluationResult}, RankingMetric?)"/> for numbers.
    /// </summary>
    /// <exception cref="ArgumentException">No rows, or <paramref name="digits"/> outside 1..6.</exception>
    public static DataFrame ToSummaryDataFrame(IReadOnlyList<LeaderboardRow> rows, int digits = 4)
    {
        RequireRows(rows);
        if (digits is < 1 or > 6)
        {
            throw new ArgumentException($"digits must be in 1..6, not {digits}.", nameof(digits));
        }

        var k = rows[0].K;
        var columns = new List<DataFrameColumn> { new StringDataFrameColumn("Model", rows.Select(r => r.Model)) };
        foreach (var (name, _) in rows[0].RankingMetrics())
        {
            columns.Add(new StringDataFrameColumn($"{name}@{k}", rows.Select(r => Interval(r.RankingMetrics().First(m => m.Name == name).Value, digits))));
        }

        columns.Add(new StringDataFrameColumn("Coverage", rows.Select(r => Number(r.Coverage, digits))));
        columns.Add(new StringDataFrameColumn("Novelty (bits)", rows.Select(r => Interval(r.Novelty, digits))));
        columns.Add(new StringDataFrameColumn("Diversity", rows.Select(r => Interval(r.Diversity, digits))));
        columns.Add(new StringDataFrameColumn("RMSE", rows.Select(r => Interval(r.Rmse, digits))));
        columns.Add(new StringDataFrameColumn("MAE", rows.Select(r => Interval(r.Mae, digits))));
        columns.Add(new StringDataFrameColumn("Fit (s)", rows.Select(r => Number(r.FitSeconds, 1))));
        columns.Add(new StringDataFrameColumn("Recommend (s)", rows.Select(r => Number(r.RecommendSeconds, 2))));
        return new DataFrame(columns);
    }

    /// <summary>
    /// The leaderboard as fixed-width text for a terminal: one line per row with every metric's estimate (NDCG also
    /// with its 95% interval), coverage, novelty, diversity, RMSE/MAE ("-" when not a rating model) and timings.
    /// </summary>
    /// <exception cref="ArgumentException">No rows.</exception>
    public static string ToText(IReadOnlyList<LeaderboardRow> rows)
    {
        RequireRows(rows);
        var k = rows[0].K;
        string[] header =
        [
            "Model", $"NDCG@{k} [95% CI]", $"P@{k}", $"R@{k}", $"MAP@{k}", $"HR@{k}", $"MRR@{k}",
            "Cover", "Novel", "Divers", "RMSE", "MAE", "Fit s", "Rec s",
        ];
        var lines = new List<string[]> { header };
        foreach (var r in rows)
        {
            lines.Add(
            [
                r.Model,
                Interval(r.Ndcg, 4),
                Number(r.Precision.Estimate, 4), Number(r.Recall.Estimate, 4), Number(r.Map.Estimate, 4),
                Number(r.HitRate.Estimate, 4), Number(r.Mrr.Estimate, 4),
                Number(r.Coverage, 4), Number(r.Novelty?.Estimate, 2), Number(r.Diversity?.Estimate, 4),
                Number(r.Rmse?.Estimate, 4), Number(r.Mae?.Estimate, 4),
                Number(r.FitSeconds, 1), Number(r.RecommendSeconds, 2),
            ]);
        }

        var widths = Enumerable.Range(0, header.Length).Select(c => lines.Max(l => l[c].Length)).ToArray();
        var text = new StringBuilder();
        for (var l = 0; l < lines.Count; l++)
        {
            var cells = lines[l].Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]));
            text.AppendLine(string.Join("  ", cells).TrimEnd());
            if (l == 0)
            {
                text.AppendLine(new string('-', widths.Sum() + (2 * (widths.Length - 1))));
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The rows stored under a top-level "Leaderboard" property of a notebook's results JSON (as written by
    /// <c>NotebookResults.Record(…, new { Leaderboard = comparison.Leaderboard() })</c>; NaN may be written as "NaN").
    /// </summary>
    /// <exception cref="InvalidDataException">The JSON has no "Leaderboard" array or a row cannot be read (the message names the file).</exception>
    public static IReadOnlyList<LeaderboardRow> ReadResults(string resultsPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultsPath);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(resultsPath));
            if (!document.RootElement.TryGetProperty("Leaderboard", out var rows) || rows.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{resultsPath} has no \"Leaderboard\" array.");
            }

            return rows.Deserialize<LeaderboardRow[]>(ResultsJson) is { Length: > 0 } read && read.All(r => r?.Model is not null && r.Ndcg is not null)
                ? read
                : throw new InvalidDataException($"{resultsPath}: the \"Leaderboard\" array is empty or has incomplete rows.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{resultsPath}: the leaderboard cannot be read: {e.Message}", e);
        }
    }

    private static readonly JsonSerializerOptions ResultsJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static void RequireRows(IReadOnlyList<LeaderboardRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0 || rows.Any(r => r is null))
        {
            throw new ArgumentException("At least one (non-null) leaderboard row is needed.", nameof(rows));
        }
    }

    private static string Number(double? value, int digits) =>
        value is { } v && double.IsFinite(v) ? v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "-";

    private static string Interval(ConfidenceInterval? interval, int digits) =>
        interval is null
            ? "-"
            : $"{Number(interval.Estimate, digits)} [{Number(interval.Lower, digits)}, {Number(interval.Upper, digits)}]";
}
