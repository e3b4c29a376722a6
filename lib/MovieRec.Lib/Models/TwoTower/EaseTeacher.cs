using System.Globalization;
using System.Numerics.Tensors;
using MovieRec.Data;
using MovieRec.Models.Baselines;

namespace MovieRec.Models.TwoTower;

/// <summary>
/// The teacher of <see cref="TwoTowerLoss.EaseDistillation"/>: an <see cref="Ease"/> model fitted on the student's own
/// training ratings, and its score for every (training user, catalogue movie) in the student's index order.
/// </summary>
internal static class EaseTeacher
{
    /// <summary>Largest teacher score matrix precomputed (users × movies float32): 2 GiB.</summary>
    public const long MaximumScoreBytes = 2L << 30;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming <paramref name="parameterName"/> when the users × movies score matrix
    /// of <paramref name="userCount"/> users and <paramref name="itemCount"/> movies would exceed <see cref="MaximumScoreBytes"/>.
    /// </summary>
    public static void CheckSize(long userCount, long itemCount, string parameterName)
    {
        var bytes = userCount * itemCount * sizeof(float);
        if (bytes > MaximumScoreBytes)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"TwoTowerLoss.EaseDistillation precomputes the EASE teacher's score of every (user, movie): {userCount:N0} users × " +
                    $"{itemCount:N0} movies × 4 bytes = {bytes / (double)(1L << 30):F1} GiB, over the {MaximumScoreBytes >> 30} GiB limit. " +
                    $"EASE itself also needs a dense movies × movies matrix ({itemCount:N0}² floats = " +
                    $"{itemCount * itemCount * 4.0 / (1L << 30):F1} GiB), so distil on a smaller sample of users or use another loss."),
                parameterName);
        }
    }

    /// <summary>
    /// Fits EASE (λ = <paramref name="lambda"/>) on <paramref name="teacherData"/> — the ratings the student trains on —
    /// and returns its scores as a row-major users × movies array indexed like <paramref name="fit"/> (its users and the
    /// catalogue <paramref name="items"/>): row u is Σ over u's movies i in <paramref name="fit"/> of B[i, ·]. Movies the
    /// teacher never saw (rated only in a validation carve-out) score 0, as they would in EASE.
    /// </summary>
    public static float[] Scores(TrainingData teacherData, SeenItems fit, IdVocabulary items, double lambda)
    {
        var ease = new Ease(new EaseOptions { Lambda = lambda });
        ease.Fit(teacherData);
        var teacherItems = teacherData.ItemVocabulary;
        var n = fit.ItemCount;
        var columns = new int[n];
        for (var j = 0; j < n; j++)
        {
            columns[j] = teacherItems.TryGetIndex(items.IdAt(j), out var index) ? index : -1;
        }

        // Item-major: materialise B's row of movie i once, add it to every user who rated i. Rows are added in
        // ascending movie order per user, the order Ease's own scoring uses.
        var usersOf = UsersByItem(fit);
        var scores = new float[(long)fit.UserCount * n];
        var row = new float[n];
        for (var i = 0; i < n; i++)
        {
            if (usersOf[i].Count == 0 || columns[i] < 0)
            {
                continue;
            }

            for (var j = 0; j < n; j++)
            {
                row[j] = columns[j] < 0 ? 0f : ease.Weight(columns[i], columns[j]);
            }

            foreach (var user in usersOf[i])
            {
                var target = scores.AsSpan((int)((long)user * n), n);
                TensorPrimitives.Add(target, row, target);
            }
        }

        return scores;
    }

    private static List<int>[] UsersByItem(SeenItems fit)
    {
        var usersOf = new List<int>[fit.ItemCount];
        for (var i = 0; i < usersOf.Length; i++)
        {
            usersOf[i] = [];
        }

        for (var u = 0; u < fit.UserCount; u++)
        {
            foreach (var item in fit.ItemsOf(u))
            {
                usersOf[item].Add(u);
            }
        }

        return usersOf;
    }
}
