using System.Globalization;
using MovieRec.Retrieval;

namespace MovieRec.Cli.Commands;

/// <summary>The options of `movierec bench-ann` (see <see cref="BenchAnnCommand"/>) with their defaults, parsed and checked.</summary>
internal sealed record BenchAnnSettings
{
    public int Users { get; private set; } = 162_541;

    public int Items { get; private set; } = 59_047;

    public int Dimension { get; private set; } = 64;

    public int K { get; private set; } = 100;

    public int Sample { get; private set; } = 20_000;

    public int Seed { get; private set; } = 42;

    public int Clusters { get; private set; } = 256;

    public double Noise { get; private set; } = 0.6;

    public int LatentDimension { get; private set; }

    public double AmbientNoise { get; private set; }

    /// <summary>
    /// The adopted configuration (docs/retrieval.md): float32 vectors (int8 saved no time and cost recall), connectivity
    /// 24 and expansion_add 256 (the cheapest graph to reach recall@10 ≥ 0.95 on the clustered vectors).
    /// </summary>
    public ApproximateScalarKind ScalarKind { get; private set; } = ApproximateScalarKind.Float32;

    public int Connectivity { get; private set; } = 24;

    public int ExpansionAdd { get; private set; } = 256;

    public int BuildThreads { get; private set; } = Environment.ProcessorCount;

    public int[] Expansions { get; private set; } = [16, 32, 64, 128, 192];

    public int Seen { get; private set; }

    public ApproximateExclusion Exclusion { get; private set; } = ApproximateExclusion.Filter;

    public int[] Threads { get; private set; } = [2, 1];

    public int Repeats { get; private set; } = 3;

    /// <summary>A folder saved by <c>bench-twotower --save</c> (or any saved two-tower recommender): its vectors and seen movies replace the synthetic ones.</summary>
    public string? Model { get; private set; }

    public static BenchAnnSettings Parse(string[] args)
    {
        var s = new BenchAnnSettings();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--users": s.Users = CommandOptions.Int(args, ref i); break;
                case "--items": s.Items = CommandOptions.Int(args, ref i); break;
                case "--dim": s.Dimension = CommandOptions.Int(args, ref i); break;
                case "--k": s.K = CommandOptions.Int(args, ref i); break;
                case "--sample": s.Sample = CommandOptions.Int(args, ref i); break;
                case "--seed": s.Seed = CommandOptions.Int(args, ref i); break;
                case "--clusters": s.Clusters = CommandOptions.Int(args, ref i); break;
                case "--noise": s.Noise = CommandOptions.Number(args, ref i); break;
                case "--latent-dim": s.LatentDimension = CommandOptions.Int(args, ref i); break;
                case "--ambient-noise": s.AmbientNoise = CommandOptions.Number(args, ref i); break;
                case "--scalar": s.ScalarKind = Scalar(CommandOptions.Value(args, ref i)); break;
                case "--connectivity": s.Connectivity = CommandOptions.Int(args, ref i); break;
                case "--expansion-add": s.ExpansionAdd = CommandOptions.Int(args, ref i); break;
                case "--build-threads": s.BuildThreads = CommandOptions.Int(args, ref i); break;
                case "--expansions": s.Expansions = PositiveList(args, ref i); break;
                case "--seen": s.Seen = CommandOptions.Int(args, ref i); break;
                case "--exclusion": s.Exclusion = Exclusions(CommandOptions.Value(args, ref i)); break;
                case "--threads": s.Threads = PositiveList(args, ref i); break;
                case "--repeats": s.Repeats = CommandOptions.Int(args, ref i); break;
                case "--model": s.Model = CommandOptions.Value(args, ref i); break;
                default:
                    throw new ArgumentException(
                        $"bench-ann: unknown option '{args[i]}'. Options: --users, --items, --dim, --k, --sample, --seed, --clusters, --noise, " +
                        "--latent-dim, --ambient-noise, --scalar f32|f16|i8, --connectivity, --expansion-add, --build-threads, --expansions a,b,c, " +
                        "--seen, --exclusion filter|overfetch, --threads a,b, --repeats, --model DIR.");
            }
        }

        if (s.Users < 1 || s.Items < 1 || s.K < 10 || s.Sample < 1 || s.Repeats < 1 || s.Seen < 0)
        {
            throw new ArgumentException("bench-ann: --users, --items, --sample and --repeats must be at least 1, --k at least 10, --seen not negative.");
        }

        if (s.Model is not null && s.Seen > 0)
        {
            throw new ArgumentException("bench-ann: --seen is for synthetic vectors; with --model the model's own training movies are excluded.");
        }

        s.Sample = Math.Min(s.Sample, s.Users);
        return s;
    }

    private static ApproximateScalarKind Scalar(string text) => text.ToLowerInvariant() switch
    {
        "f32" => ApproximateScalarKind.Float32,
        "f16" => ApproximateScalarKind.Float16,
        "i8" => ApproximateScalarKind.Int8,
        _ => throw new ArgumentException($"option --scalar needs f32, f16 or i8, not '{text}'."),
    };

    private static ApproximateExclusion Exclusions(string text) => text.ToLowerInvariant() switch
    {
        "filter" => ApproximateExclusion.Filter,
        "overfetch" => ApproximateExclusion.OverFetch,
        _ => throw new ArgumentException($"option --exclusion needs filter or overfetch, not '{text}'."),
    };

    private static int[] PositiveList(string[] args, ref int i)
    {
        var option = args[i];
        return [.. CommandOptions.Value(args, ref i).Split(',').Select(text =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 1
                ? value
                : throw new ArgumentException($"option {option} needs positive whole numbers separated by commas, not '{text}'."))];
    }
}
