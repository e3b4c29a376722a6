using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MovieRec.Data;

namespace MovieRec.Tests.Data;

/// <summary>
/// Checks the synthetic generator's files with an independent CSV reader written here (not the library's
/// loaders), so a format mistake in either cannot hide the other's.
/// </summary>
public sealed class SyntheticMovieLensTests : IClassFixture<SyntheticMovieLensTests.Generated>
{
    // Small enough for speed, large enough for the statistics to be stable.
    internal static readonly SyntheticMovieLensOptions TestOptions = SyntheticMovieLensOptions.Small with
    {
        UserCount = 300,
        MovieCount = 3_000,
        RatingCount = 40_000,
        TagCount = 1_000,
        Seed = 7,
    };

    private static readonly HashSet<string> MovieLensGenres =
    [
        "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    private readonly Generated _data;

    public SyntheticMovieLensTests(Generated data) => _data = data;

    [Fact]
    public void SameSeedWritesIdenticalBytes()
    {
        using var again = new TempDirectory();
        SyntheticMovieLens.Generate(again.Path, TestOptions);
        foreach (var name in new[] { "ratings.csv", "movies.csv", "tags.csv", "links.csv" })
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(_data.Directory.Path, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(again.Path, name))),
                $"{name} differs between two runs with the same seed");
        }
    }

    [Fact]
    public void DifferentSeedWritesDifferentRatings()
    {
        using var other = new TempDirectory();
        SyntheticMovieLens.Generate(other.Path, TestOptions with { Seed = TestOptions.Seed + 1 });
        Assert.NotEqual(
            File.ReadAllText(Path.Combine(_data.Directory.Path, "ratings.csv")),
            File.ReadAllText(Path.Combine(other.Path, "ratings.csv")));
    }

    [Fact]
    public void ShapeMatchesOptions()
    {
        Assert.Equal(TestOptions.UserCount, _data.Ratings.Select(r => r.User).Distinct().Count());
        Assert.Equal(TestOptions.MovieCount, _data.Movies.Count);
        Assert.InRange(_data.Ratings.Count, TestOptions.RatingCount * 0.95, TestOptions.RatingCount * 1.05);
        Assert.InRange(_data.TagRows.Count, TestOptions.TagCount * 0.9, TestOptions.TagCount * 1.05);
        Assert.All(_data.Ratings.GroupBy(r => r.User), g => Assert.True(g.Count() >= 20, $"user {g.Key} has {g.Count()} ratings"));
        Assert.Equal(_data.Ratings.Count, _data.Ratings.Select(r => (r.User, r.Movie)).Distinct().Count());
        Assert.All(_data.Ratings, r => Assert.True(_data.Movies.ContainsKey(r.Movie), $"movie {r.Movie} is not in movies.csv"));
        Assert.Equal(_data.Ratings.Count, _data.Summary.RatingCount);
        Assert.Equal(_data.TagRows.Count, _data.Summary.TagCount);
    }

    [Fact]
    public void RatingsAreHalfStarsWithMovieLensLikeDistribution()
    {
        Assert.All(_data.Ratings, r => Assert.True(r.Stars is >= 0.5 and <= 5.0 && r.Stars * 2 == Math.Floor(r.Stars * 2), $"rating {r.Stars}"));
        var mean = _data.Ratings.Average(r => r.Stars);
        Assert.InRange(mean, 3.2, 3.8);
        var mode = _data.Ratings.GroupBy(r => r.Stars).MaxBy(g => g.Count())!.Key;
        Assert.Equal(4.0, mode);
        Assert.Contains(_data.Ratings, r => r.Stars % 1 != 0); // half stars are used
    }

    [Fact]
    public void TimestampsAreInRangeRiseWithinEachUserAndFollowRelease()
    {
        var first = new DateTimeOffset(1996, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        var last = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        for (var i = 0; i < _data.Ratings.Count; i++)
        {
            var r = _data.Ratings[i];
            Assert.InRange(r.Timestamp, first, last - 1);
            if (i > 0 && _data.Ratings[i - 1].User == r.User)
            {
                Assert.True(r.Timestamp >= _data.Ratings[i - 1].Timestamp, $"user {r.User}: time goes back at row {i + 2}");
            }

            var year = _data.Movies[r.Movie].Year;
            Assert.True(DateTimeOffset.FromUnixTimeSeconds(r.Timestamp).Year >= year, $"movie {r.Movie} ({year}) rated before its release");
        }
    }

    [Fact]
    public void PopularityIsHeavyTailed()
    {
        var perMovie = _data.Ratings.GroupBy(r => r.Movie).Select(g => g.Count()).OrderByDescending(c => c).ToArray();
        var topTenPercent = perMovie.Take(perMovie.Length / 10).Sum();
        Assert.True(topTenPercent > 0.4 * _data.Ratings.Count, $"top 10% of movies hold {topTenPercent} of {_data.Ratings.Count} ratings");
        var perUser = _data.Ratings.GroupBy(r => r.User).Select(g => g.Count()).OrderBy(c => c).ToArray();
        Assert.True(perUser[^1] > 5 * perUser[perUser.Length / 2], "the heaviest user should rate many times the median");
    }

    [Fact]
    public void MoviesFollowTheMovieLensFormat()
    {
        Assert.Equal("movieId,title,genres", _data.MovieHeader);
        Assert.Contains(_data.Movies.Values, m => m.Title.Contains(", The (", StringComparison.Ordinal)); // quoted in the file
        foreach (var movie in _data.Movies.Values)
        {
            Assert.InRange(movie.Year, 1900, 2019);
            Assert.True(movie.Genres == "(no genres listed)" || movie.Genres.Split('|').All(MovieLensGenres.Contains), movie.Genres);
        }
    }

    [Fact]
    public void LinksAndTagsReferToKnownMoviesAndRatings()
    {
        var links = _data.Read("links.csv", out var header);
        Assert.Equal("movieId,imdbId,tmdbId", header);
        Assert.Equal(_data.Movies.Keys.Order(), links.Select(f => int.Parse(f[0], CultureInfo.InvariantCulture)).Order());
        Assert.All(links, f => Assert.Matches("^[0-9]{7,8}$", f[1]));
        Assert.All(links, f => Assert.True(f[2].Length == 0 || int.Parse(f[2], CultureInfo.InvariantCulture) > 0));

        var rated = _data.Ratings.Select(r => (r.User, r.Movie)).ToHashSet();
        Assert.All(_data.TagRows, f => Assert.Contains((int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture)), rated));
        Assert.All(_data.TagRows, f => Assert.False(string.IsNullOrWhiteSpace(f[2])));
    }

    [Fact]
    public void RatingsCarryLearnableUserAndMovieEffects()
    {
        // A bias model fitted on odd rows must beat the global mean on even rows if ratings have structure.
        var train = _data.Ratings.Where((_, i) => i % 2 == 1).ToArray();
        var test = _data.Ratings.Where((_, i) => i % 2 == 0).ToArray();
        var mu = train.Average(r => r.Stars);
        var movieBias = train.GroupBy(r => r.Movie).ToDictionary(g => g.Key, g => g.Sum(r => r.Stars - mu) / (g.Count() + 10));
        var userBias = train.GroupBy(r => r.User).ToDictionary(
            g => g.Key, g => g.Sum(r => r.Stars - mu - movieBias[r.Movie]) / (g.Count() + 10));
        double Rmse(Func<Rating, double> predict) => Math.Sqrt(test.Average(r => Math.Pow(r.Stars - predict(r), 2)));
        var baseline = Rmse(_ => mu);
        var biases = Rmse(r => mu + userBias.GetValueOrDefault(r.User) + movieBias.GetValueOrDefault(r.Movie));
        Assert.True(biases < 0.92 * baseline, $"bias model RMSE {biases:F3} vs global mean {baseline:F3}");
    }

    [Fact]
    public void UsersWatchMoreOfTheGenresTheyRateHigher()
    {
        // Taste drives both choice and rating: where a user over-samples a genre, they also rate it above
        // their own mean. Independent choice and rating would give a correlation near zero.
        var genresOf = _data.Movies.ToDictionary(m => m.Key, m => m.Value.Genres.Split('|'));
        var globalShare = _data.Ratings.SelectMany(r => genresOf[r.Movie]).GroupBy(g => g)
            .ToDictionary(g => g.Key, g => (double)g.Count() / _data.Ratings.Count);
        var lifts = new List<double>();
        var deviations = new List<double>();
        foreach (var user in _data.Ratings.GroupBy(r => r.User))
        {
            var userMean = user.Average(r => r.Stars);
            foreach (var genre in user.SelectMany(r => genresOf[r.Movie].Select(g => (Genre: g, r.Stars))).GroupBy(x => x.Genre))
            {
                if (genre.Count() >= 5)
                {
                    lifts.Add(Math.Log((double)genre.Count() / user.Count() / globalShare[genre.Key]));
                    deviations.Add(genre.Average(x => x.Stars) - userMean);
                }
            }
        }

        var correlation = Correlation(lifts, deviations);
        Assert.True(correlation > 0.15, $"correlation of genre over-sampling and rating lift is {correlation:F3}");
    }

    [Fact]
    public void WritesAtomicallyAndReplacesEarlierFiles()
    {
        using var dir = new TempDirectory();
        dir.Write("ratings.csv", "stale");
        var summary = SyntheticMovieLens.Generate(dir.Path, TestOptions with { UserCount = 30, RatingCount = 2_000, TagCount = 10 });
        Assert.Equal(["links.csv", "movies.csv", "ratings.csv", "tags.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
        Assert.StartsWith("userId,movieId,rating,timestamp\n", File.ReadAllText(Path.Combine(dir.Path, "ratings.csv")), StringComparison.Ordinal);
        Assert.Equal(new FileInfo(Path.Combine(dir.Path, "ratings.csv")).Length, summary.RatingsFileBytes);
    }

    [Theory]
    [InlineData("UserCount")]
    [InlineData("RatingCount")]
    [InlineData("MovieCount")]
    public void InvalidOptionsNameTheSetting(string setting)
    {
        var options = setting switch
        {
            "UserCount" => TestOptions with { UserCount = 0 },
            "RatingCount" => TestOptions with { RatingCount = TestOptions.UserCount * 19 },
            _ => TestOptions with { MovieCount = 50 },
        };
        using var dir = new TempDirectory();
        var error = Assert.Throws<ArgumentException>(() => SyntheticMovieLens.Generate(dir.Path, options));
        Assert.Equal(setting, error.ParamName);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void ReportsProgressUpToOne()
    {
        var reports = new List<double>();
        using var dir = new TempDirectory();
        SyntheticMovieLens.Generate(dir.Path, TestOptions with { UserCount = 30, RatingCount = 2_000, Progress = new Recorder(reports) });
        Assert.NotEmpty(reports);
        Assert.Equal(1.0, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    private static double Correlation(List<double> x, List<double> y)
    {
        var meanX = x.Average();
        var meanY = y.Average();
        var covariance = x.Zip(y, (a, b) => (a - meanX) * (b - meanY)).Sum();
        return covariance / Math.Sqrt(x.Sum(a => (a - meanX) * (a - meanX)) * y.Sum(b => (b - meanY) * (b - meanY)));
    }

    public sealed record Rating(int User, int Movie, double Stars, long Timestamp);

    public sealed record MovieRow(string Title, int Year, string Genres);

    /// <summary>One generated data set, parsed once for all tests of the class.</summary>
    public sealed class Generated : IDisposable
    {
        private static readonly Regex TitleWithYear = new(@"^.+ \((\d{4})\)$", RegexOptions.CultureInvariant);

        public Generated()
        {
            Directory = new TempDirectory();
            Summary = SyntheticMovieLens.Generate(Directory.Path, TestOptions);
            Ratings = Read("ratings.csv", out var ratingsHeader).Select(f => new Rating(
                int.Parse(f[0], CultureInfo.InvariantCulture),
                int.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture),
                long.Parse(f[3], CultureInfo.InvariantCulture))).ToList();
            Assert.Equal("userId,movieId,rating,timestamp", ratingsHeader);
            Movies = Read("movies.csv", out var movieHeader).ToDictionary(
                f => int.Parse(f[0], CultureInfo.InvariantCulture),
                f => new MovieRow(f[1], int.Parse(TitleWithYear.Match(f[1]).Groups[1].Value, CultureInfo.InvariantCulture), f[2]));
            MovieHeader = movieHeader;
            TagRows = Read("tags.csv", out _);
        }

        public TempDirectory Directory { get; }

        public SyntheticMovieLensSummary Summary { get; }

        public List<Rating> Ratings { get; }

        public Dictionary<int, MovieRow> Movies { get; }

        public string MovieHeader { get; }

        public List<string[]> TagRows { get; }

        /// <summary>Rows of a generated file after the header, each split into exactly the header's field count.</summary>
        public List<string[]> Read(string name, out string header)
        {
            var lines = File.ReadAllText(Path.Combine(Directory.Path, name), new UTF8Encoding(false, true)).Split('\n');
            Assert.Equal("", lines[^1]); // ends with a newline
            header = lines[0];
            var width = header.Split(',').Length;
            var rows = new List<string[]>(lines.Length);
            for (var i = 1; i < lines.Length - 1; i++)
            {
                var fields = SplitCsvLine(lines[i]);
                Assert.True(fields.Length == width, $"{name} line {i + 1} has {fields.Length} fields: {lines[i]}");
                rows.Add(fields);
            }

            return rows;
        }

        public void Dispose() => Directory.Dispose();

        // RFC 4180 fields: quoted fields may hold commas and doubled quotes.
        private static string[] SplitCsvLine(string line)
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"' && field.Length == 0)
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    Assert.NotEqual('"', c); // a bare quote inside an unquoted field is malformed CSV
                    field.Append(c);
                }
            }

            Assert.False(quoted, $"unterminated quote: {line}");
            fields.Add(field.ToString());
            return [.. fields];
        }
    }

    private sealed class Recorder(List<double> reports) : IProgress<double>
    {
        public void Report(double value) => reports.Add(value);
    }
}
