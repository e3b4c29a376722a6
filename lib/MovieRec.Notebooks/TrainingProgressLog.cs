using Microsoft.Data.Analysis;
using MovieRec.Training;

namespace MovieRec.Notebooks;

/// <summary>
/// Training progress for a notebook cell: pass it as a model's <c>Progress</c> (an <see cref="IProgress{T}"/> of
/// <see cref="EpochReport"/>) and every finished epoch prints one line under the running cell
/// ("epoch 3/8 loss 5.1234 recall@20 0.2810 … *"); it also keeps the reports, so a later cell can show them as a
/// table with <see cref="ToDataFrame"/>.
/// </summary>
/// <remarks>
/// Why plain lines on standard output: every notebook host (VS Code, Jupyter, dotnet-repl, the headless runner)
/// streams a cell's console output while the cell runs, and it needs no reference to the host's display API, so the
/// same code works headless and in tests. The writer is looked up at each report rather than at construction: the
/// hosts redirect <see cref="Console.Out"/> per cell, and the log may be created in an earlier cell than the training.
/// Reports arrive on the training thread (the training loop reports synchronously), in epoch order.
/// </remarks>
public sealed class TrainingProgressLog : IProgress<EpochReport>
{
    private readonly TextWriter? _writer;
    private readonly string _prefix;
    private readonly List<EpochReport> _reports = [];
    private readonly Lock _gate = new();
    private readonly int _printEvery = 1;

    /// <summary>A log that prints to the current <see cref="Console.Out"/>, each line starting with <paramref name="prefix"/>.</summary>
    public TrainingProgressLog(string prefix = "")
        : this(null, prefix)
    {
    }

    /// <summary>A log that prints to <paramref name="writer"/> (null: the current <see cref="Console.Out"/> at each report).</summary>
    /// <param name="writer">Where lines go.</param>
    /// <param name="prefix">Put before every line, e.g. the model's name.</param>
    public TrainingProgressLog(TextWriter? writer, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(prefix);
        _writer = writer;
        _prefix = prefix;
    }

    /// <summary>
    /// Print every n-th epoch's line (and always the first and the last epoch's); 1, the default, prints every epoch.
    /// Every report is kept either way. For long schedules of short epochs (the EASE-distilled two-tower runs 300),
    /// where a line per epoch would bury the cell's output.
    /// </summary>
    public int PrintEvery
    {
        get => _printEvery;
        init => _printEvery = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(PrintEvery), value, "PrintEvery must be at least 1.");
    }

    /// <summary>The reports received so far, in order.</summary>
    public IReadOnlyList<EpochReport> Reports
    {
        get
        {
            lock (_gate)
            {
                return _reports.ToArray();
            }
        }
    }

    /// <summary>The line of every report so far, in order (printed or not, see <see cref="PrintEvery"/>).</summary>
    public IReadOnlyList<string> Lines => Reports.Select(r => _prefix + r).ToArray();

    /// <inheritdoc/>
    public void Report(EpochReport value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            _reports.Add(value);
        }

        if (value.Epoch != 1 && value.Epoch != value.TotalEpochs && value.Epoch % _printEvery != 0)
        {
            return;
        }

        var writer = _writer ?? Console.Out;
        writer.WriteLine(_prefix + value);
        writer.Flush();
    }

    /// <summary>Forgets the reports (e.g. before training again with the same log).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _reports.Clear();
        }
    }

    /// <summary>
    /// One row per epoch: Epoch, Loss, one column per validation metric (in first-seen order; empty where an epoch
    /// lacks it), LearningRate, EpochSeconds, ElapsedSeconds and Best (the epoch improved the validation metric).
    /// Numbers are rounded to <paramref name="digits"/> decimals for display.
    /// </summary>
    public DataFrame ToDataFrame(int digits = 4)
    {
        if (digits is < 0 or > 15)
        {
            throw new ArgumentException($"digits must be between 0 and 15, not {digits}.", nameof(digits));
        }

        var reports = Reports;
        double Round(double value) => double.IsFinite(value) ? Math.Round(value, digits, MidpointRounding.AwayFromZero) : value;
        var metricNames = reports.SelectMany(r => r.Record.ValidationMetrics.Keys).Distinct(StringComparer.Ordinal).ToArray();
        var columns = new List<DataFrameColumn>
        {
            new Int32DataFrameColumn("Epoch", reports.Select(r => r.Epoch)),
            new DoubleDataFrameColumn("Loss", reports.Select(r => Round(r.Loss))),
        };
        foreach (var name in metricNames)
        {
            columns.Add(new DoubleDataFrameColumn(name, reports.Select(r =>
                r.Record.ValidationMetrics.TryGetValue(name, out var value) ? Round(value) : (double?)null)));
        }

        columns.Add(new DoubleDataFrameColumn("LearningRate", reports.Select(r => Math.Round(r.Record.LearningRate, 6))));
        columns.Add(new DoubleDataFrameColumn("EpochSeconds", reports.Select(r => Math.Round(r.Record.EpochSeconds, 2))));
        columns.Add(new DoubleDataFrameColumn("ElapsedSeconds", reports.Select(r => Math.Round(r.Record.ElapsedSeconds, 2))));
        columns.Add(new BooleanDataFrameColumn("Best", reports.Select(r => r.IsBest)));
        return new DataFrame(columns);
    }
}
