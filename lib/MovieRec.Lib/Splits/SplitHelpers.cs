using System.Globalization;
using MovieRec.Data;

namespace MovieRec.Splits;

/// <summary>Shared steps of every splitter: validation, the rounding rule, and turning a test mask into a split.</summary>
internal static class SplitHelpers
{
    /// <summary>
    /// The project's rounding rule for "a fraction of n ratings": nearest integer, halves rounded up
    /// (2 ratings at 25% → 1 to test; 6 at 25% → 2 to test, since 1.5 rounds up).
    /// </summary>
    public static int RoundedCount(int count, double fraction) =>
        (int)Math.Round(count * fraction, MidpointRounding.AwayFromZero);

    public static void ValidateFraction(double testFraction, string parameterName)
    {
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                testFraction,
                $"TestFraction must be greater than 0 and less than 1 (was {testFraction.ToString(CultureInfo.InvariantCulture)}).");
        }
    }

    /// <summary>Train and test tables from a per-row test mask, each keeping the input row order.</summary>
    public static TrainTestSplit FromMask(RatingsTable ratings, bool[] isTest, string description)
    {
        var testCount = 0;
        foreach (var t in isTest)
        {
            if (t)
            {
                testCount++;
            }
        }

        var trainRows = new int[isTest.Length - testCount];
        var testRows = new int[testCount];
        int trainIndex = 0, testIndex = 0;
        for (var r = 0; r < isTest.Length; r++)
        {
            if (isTest[r])
            {
                testRows[testIndex++] = r;
            }
            else
            {
                trainRows[trainIndex++] = r;
            }
        }

        return new TrainTestSplit(ratings.Select(trainRows), ratings.Select(testRows), description);
    }

    /// <summary>
    /// Orders every user's rows by timestamp, equal timestamps by original row order (so a later
    /// row counts as the later rating). Groups are independent, so sorting them in parallel gives
    /// the same result on every run.
    /// </summary>
    public static void SortGroupsChronologically(UserGroups groups, long[] timestamps)
    {
        var keys = new long[groups.Rows.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = timestamps[groups.Rows[i]];
        }

        Parallel.For(0, groups.Count, g =>
        {
            var start = groups.Starts[g];
            var length = groups.Length(g);
            if (IsSorted(keys, start, length))
            {
                return; // rows inside a group are already in row order, so ties are already right
            }

            Array.Sort(keys, groups.Rows, start, length);
            // Array.Sort is not stable: restore row order inside each run of equal timestamps.
            var runStart = start;
            for (var i = start + 1; i <= start + length; i++)
            {
                if (i == start + length || keys[i] != keys[runStart])
                {
                    if (i - runStart > 1)
                    {
                        Array.Sort(groups.Rows, runStart, i - runStart);
                    }

                    runStart = i;
                }
            }
        });
    }

    private static bool IsSorted(long[] keys, int start, int length)
    {
        for (var i = start + 1; i < start + length; i++)
        {
            if (keys[i] < keys[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    public static string Percent(double fraction) =>
        (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
