using MovieRec.Data;

namespace MovieRec.Tests.Exploration;

/// <summary>
/// Eight ratings by four users small enough to check every number by hand:
/// <code>
/// row user movie rating time (UTC)
///  0   1    10   4.0   2000-06-01
///  1   1    20   3.5   2000-06-02
///  2   1    30   5.0   2004-12-31 23:59:59
///  3   2    10   5.0   2004-03-01
///  4   2    20   2.0   2004-03-02
///  5   3    10   3.0   2005-01-01 00:00:00
///  6   3    40   4.5   2005-02-01   (movie 40 is not in the movie list)
///  7   4    10   4.0   2005-03-01
/// </code>
/// Movies: 10 "Alpha (1999)" Drama|Comedy; 20 "Beta (2000)" Drama|Drama (a repeated genre counts once);
/// 30 "Gamma (2001)" no genres; 50 "Delta (2002)" Horror, never rated.
/// </summary>
internal static class TinyData
{
    public static RatingsTable Ratings { get; } = new(
        [1, 1, 1, 2, 2, 3, 3, 4],
        [10, 20, 30, 10, 20, 10, 40, 10],
        [4.0f, 3.5f, 5.0f, 5.0f, 2.0f, 3.0f, 4.5f, 4.0f],
        [
            Seconds(2000, 6, 1), Seconds(2000, 6, 2), Seconds(2004, 12, 31, 23, 59, 59), Seconds(2004, 3, 1),
            Seconds(2004, 3, 2), Seconds(2005, 1, 1), Seconds(2005, 2, 1), Seconds(2005, 3, 1),
        ]);

    public static IReadOnlyList<Movie> Movies { get; } =
    [
        new(10, "Alpha (1999)", 1999, ["Drama", "Comedy"]),
        new(20, "Beta (2000)", 2000, ["Drama", "Drama"]),
        new(30, "Gamma (2001)", 2001, []),
        new(50, "Delta (2002)", 2002, ["Horror"]),
    ];

    public static long Seconds(int year, int month, int day, int hour = 12, int minute = 0, int second = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero).ToUnixTimeSeconds();
}
