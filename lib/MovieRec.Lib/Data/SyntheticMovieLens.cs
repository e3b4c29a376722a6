using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace MovieRec.Data;

/// <summary>
/// Writes a synthetic MovieLens data set in the ml-latest-small CSV format (ratings.csv, movies.csv,
/// tags.csv, links.csv), from a few hundred ratings up to the ML-25M shape, for tests, benchmarks and
/// demos without the GroupLens download.
/// <para>
/// The data are shaped like MovieLens: heavy-tailed user activity with at least 20 ratings each, Zipf-like
/// movie popularity, no duplicate (user, movie) pairs, half-star ratings with mean about 3.5 and mode 4.0,
/// timestamps from 1996 to 2019 rising through each user's history (rows are written per user in time
/// order), never before a movie's release year. Ratings come from a hidden latent-factor model (user and
/// movie vectors, built on genre vectors, plus biases) that also decides which movies a user watches, so
/// recommenders have real structure to learn.
/// </para>
/// <para>
/// Deterministic: the same options (including <see cref="SyntheticMovieLensOptions.Seed"/>) give
/// byte-identical files on the same platform, whatever the thread count, because each user draws from its
/// own <see cref="Random"/> seeded from (seed, user id). Users are generated in parallel chunks and written
/// in order with bounded memory (a few tens of MB at any size). Each file is written to a temporary file in
/// the target folder and all four are renamed into place only after every one is complete.
/// </para>
/// </summary>
public static class SyntheticMovieLens
{
    private const int RatingsPerChunk = 200_000;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the ml-latest-small shape (<see cref="SyntheticMovieLensOptions.Small"/>) with the given seed.</summary>
    public static SyntheticMovieLensSummary Generate(string directory, int seed = 42) =>
        Generate(directory, SyntheticMovieLensOptions.Small with { Seed = seed });

    /// <summary>Writes a data set of the shape in <paramref name="options"/> into <paramref name="directory"/> (created if needed).</summary>
    public static SyntheticMovieLensSummary Generate(string directory, SyntheticMovieLensOptions options)
    {
        if (string.IsNullOrWhiteSpace(directory))
        {
            throw new ArgumentException("An output directory is required.", nameof(directory));
        }

        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var stopwatch = Stopwatch.StartNew();
        var fullDirectory = Path.GetFullPath(directory);
        Directory.CreateDirectory(fullDirectory);

        var catalog = new SyntheticMovieCatalog(options);
        var plan = new SyntheticUserPlan(options, catalog);
        string[] names = ["movies.csv", "links.csv", "ratings.csv", "tags.csv"];
        var suffix = ".tmp-" + Guid.NewGuid().ToString("N");
        var temporary = names.Select(name => Path.Combine(fullDirectory, name + suffix)).ToArray();
        try
        {
            WriteMovies(temporary[0], catalog);
            WriteLinks(temporary[1], catalog);
            var (movieCounts, halfStarSum, tagCount) = WriteRatingsAndTags(temporary[2], temporary[3], options, catalog, plan);
            for (var i = 0; i < names.Length; i++)
            {
                File.Move(temporary[i], Path.Combine(fullDirectory, names[i]), overwrite: true);
            }

            var ratingCount = movieCounts.Sum();
            var perMovie = movieCounts.Where(c => c > 0).OrderByDescending(c => c).ToArray();
            var top = perMovie.Take(Math.Max(1, perMovie.Length / 10)).Sum();
            options.Progress?.Report(1.0);
            return new SyntheticMovieLensSummary(
                fullDirectory,
                options.UserCount,
                options.MovieCount,
                perMovie.Length,
                ratingCount,
                tagCount,
                ratingCount == 0 ? 0 : halfStarSum / 2.0 / ratingCount,
                ratingCount == 0 ? 0 : (double)top / ratingCount,
                new FileInfo(Path.Combine(fullDirectory, "ratings.csv")).Length,
                stopwatch.Elapsed);
        }
        finally
        {
            foreach (var path in temporary)
            {
                if (File.Exists(path))
                {
                    File.Delete(path);
                }
            }
        }
    }

    private static (long[] MovieCounts, long HalfStarSum, long TagCount) WriteRatingsAndTags(
        string ratingsPath, string tagsPath, SyntheticMovieLensOptions options, SyntheticMovieCatalog catalog, SyntheticUserPlan plan)
    {
        var chunks = Chunk(plan.RatingCounts);
        var workers = new ConcurrentBag<SyntheticUserHistory>();
        using var ratingsFile = OpenForWrite(ratingsPath);
        using var tagsFile = OpenForWrite(tagsPath);
        ratingsFile.Write("userId,movieId,rating,timestamp\n"u8);
        tagsFile.Write("userId,movieId,tag,timestamp\n"u8);

        // Generate a batch of chunks in parallel while the previous batch is being written, in order.
        var batchSize = Math.Max(2, 2 * Environment.ProcessorCount);
        Task pendingWrite = Task.CompletedTask;
        try
        {
            for (var first = 0; first < chunks.Count; first += batchSize)
            {
                var batch = chunks.Skip(first).Take(batchSize).ToArray();
                var ratingOutputs = new ArrayBufferWriter<byte>[batch.Length];
                var tagOutputs = new ArrayBufferWriter<byte>[batch.Length];
                Parallel.For(0, batch.Length, c =>
                {
                    var (firstUser, endUser, ratingsInChunk) = batch[c];
                    var worker = workers.TryTake(out var w) ? w : new SyntheticUserHistory(catalog, plan, options.Seed);
                    var ratingOutput = new ArrayBufferWriter<byte>((int)Math.Min(int.MaxValue / 2, ratingsInChunk * 28 + 1024));
                    var tagOutput = new ArrayBufferWriter<byte>(1024);
                    for (var user = firstUser; user < endUser; user++)
                    {
                        worker.Write(user + 1, ratingOutput, tagOutput);
                    }

                    ratingOutputs[c] = ratingOutput;
                    tagOutputs[c] = tagOutput;
                    workers.Add(worker);
                });

                pendingWrite.GetAwaiter().GetResult();
                var usersDone = batch[^1].EndUser;
                pendingWrite = Task.Run(() =>
                {
                    for (var c = 0; c < ratingOutputs.Length; c++)
                    {
                        ratingsFile.Write(ratingOutputs[c].WrittenSpan);
                        tagsFile.Write(tagOutputs[c].WrittenSpan);
                    }

                    options.Progress?.Report((double)usersDone / options.UserCount);
                });
            }

            pendingWrite.GetAwaiter().GetResult();
        }
        finally
        {
            // Never close the files under a write still in flight (when generation failed).
            if (!pendingWrite.IsCompleted)
            {
                try
                {
                    pendingWrite.Wait();
                }
                catch (AggregateException)
                {
                    // The generation error is the one to report.
                }
            }
        }

        ratingsFile.Flush(flushToDisk: false);
        tagsFile.Flush(flushToDisk: false);

        var movieCounts = new long[catalog.Count];
        long halfStarSum = 0, tagCount = 0;
        foreach (var worker in workers)
        {
            for (var m = 0; m < movieCounts.Length; m++)
            {
                movieCounts[m] += worker.MovieRatingCounts[m];
            }

            halfStarSum += worker.HalfStarSum;
            tagCount += worker.TagCount;
        }

        return (movieCounts, halfStarSum, tagCount);
    }

    // Consecutive user ranges of about RatingsPerChunk ratings each.
    private static List<(int FirstUser, int EndUser, long Ratings)> Chunk(int[] ratingCounts)
    {
        var chunks = new List<(int, int, long)>();
        var first = 0;
        long ratings = 0;
        for (var user = 0; user < ratingCounts.Length; user++)
        {
            ratings += ratingCounts[user];
            if (ratings >= RatingsPerChunk || user == ratingCounts.Length - 1)
            {
                chunks.Add((first, user + 1, ratings));
                first = user + 1;
                ratings = 0;
            }
        }

        return chunks;
    }

    private static void WriteMovies(string path, SyntheticMovieCatalog catalog)
    {
        using var writer = new StreamWriter(OpenForWrite(path), Utf8NoBom) { NewLine = "\n" };
        writer.WriteLine("movieId,title,genres");
        for (var i = 0; i < catalog.Count; i++)
        {
            var genres = catalog.Genres[i].Length == 0
                ? SyntheticText.NoGenres
                : string.Join('|', catalog.Genres[i].Select(g => SyntheticText.Genres[g]));
            writer.Write(catalog.MovieIds[i].ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(SyntheticText.CsvField(catalog.Titles[i]));
            writer.Write(',');
            writer.WriteLine(genres);
        }
    }

    private static void WriteLinks(string path, SyntheticMovieCatalog catalog)
    {
        using var writer = new StreamWriter(OpenForWrite(path), Utf8NoBom) { NewLine = "\n" };
        writer.WriteLine("movieId,imdbId,tmdbId");
        for (var i = 0; i < catalog.Count; i++)
        {
            // IMDb ids keep their leading zeros (7 digits), as in links.csv; a missing TMDb id is an empty field.
            var tmdb = catalog.TmdbIds[i] == 0 ? "" : catalog.TmdbIds[i].ToString(CultureInfo.InvariantCulture);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{catalog.MovieIds[i]},{catalog.ImdbIds[i]:D7},{tmdb}"));
        }
    }

    private static FileStream OpenForWrite(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20);
}
