using MovieRec.Cli.Commands;
using MovieRec.Data;

namespace MovieRec.Cli;

/// <summary>
/// The movierec command: one verb per file under Commands/. With no verb it runs the project's main job.
/// </summary>
public static class Program
{
    private static readonly (string Name, string Help, Func<string[], int> Run)[] Commands =
    [
        ("summary", "Load a MovieLens data set (default ml-latest-small) and print its summary.", SummaryCommand.Run),
        ("generate", "Write a synthetic MovieLens data set in the ml-latest-small CSV format.", GenerateCommand.Run),
        ("bench-load", "Benchmark loading a ratings.csv: MB/s, time and peak memory.", BenchLoadCommand.Run),
        ("bench-recommend", "Benchmark exact top-k for all users from random embeddings plus ranking metrics.", BenchRecommendCommand.Run),
        ("bench-als", "Benchmark ImplicitAls fitting (s/iteration, peak memory) on a generated ML-25M-shaped set.", BenchAlsCommand.Run),
        ("tune-als", "Grid-search ImplicitAls on a validation split of ml-latest-small's train set; report test NDCG@10.", TuneAlsCommand.Run),
        ("notebooks", "Run the notebooks headless; write executed .ipynb and offline HTML to artifacts/notebooks.", NotebooksCommand.Run),
        ("bench-ann", "Benchmark the approximate index (USearch HNSW) against exact top-k: time, recall, memory, expansion sweep.", BenchAnnCommand.Run),
        ("bench-twotower", "Benchmark TwoTowerRecommender training: examples/s, epoch time and peak memory (--dataset ml-25m-shaped).", BenchTwoTowerCommand.Run),
        ("baselines", "Evaluate Popularity, BiasBaseline, ItemKnn, Ease on the standard protocol (--tune: grid on validation).", BaselinesCommand.Run),
    ];

    public static int Main(string[] args)
    {
        var verb = args.Length == 0 ? "notebooks" : args[0];
        if (verb is "-h" or "--help" or "help")
        {
            PrintHelp();
            return 0;
        }

        foreach (var command in Commands)
        {
            if (command.Name == verb)
            {
                try
                {
                    return command.Run(args.Length == 0 ? [] : args[1..]);
                }
                catch (Exception ex) when (ex is MovieLensFormatException or DataSetNotFoundException or MovieLensDownloadException
                    or ArgumentException or IOException or InvalidOperationException)
                {
                    Console.Error.WriteLine($"error: {ex.Message}");
                    return 1;
                }
            }
        }

        Console.Error.WriteLine($"error: unknown command '{verb}'.");
        PrintHelp();
        return 2;
    }

    private static void PrintHelp()
    {
        Console.WriteLine("usage: movierec [command] [options]   (no command: notebooks, the main job)");
        foreach (var command in Commands)
        {
            Console.WriteLine($"  {command.Name,-16} {command.Help}");
        }
    }
}
