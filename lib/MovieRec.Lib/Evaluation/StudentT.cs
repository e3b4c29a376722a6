namespace MovieRec.Evaluation;

/// <summary>
/// Student's t distribution, just enough for a two-sided paired t-test: the tail probability via the
/// regularised incomplete beta function, P(|T| ≥ t) = I_{ν/(ν+t²)}(ν/2, 1/2) (Numerical Recipes §6.4,
/// continued fraction by the modified Lentz method; log-gamma by the Lanczos approximation, g = 7).
/// </summary>
internal static class StudentT
{
    private static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>Two-sided p-value P(|T| ≥ |t|) for ν = <paramref name="degreesOfFreedom"/>.</summary>
    public static double TwoSidedPValue(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t) || !(degreesOfFreedom > 0))
        {
            return double.NaN;
        }

        if (double.IsInfinity(t))
        {
            return 0.0;
        }

        var x = degreesOfFreedom / (degreesOfFreedom + (t * t));
        return Math.Clamp(RegularizedIncompleteBeta(degreesOfFreedom / 2, 0.5, x), 0.0, 1.0);
    }

    /// <summary>I_x(a, b) for a, b &gt; 0 and 0 ≤ x ≤ 1.</summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0)
        {
            return 0.0;
        }

        if (x >= 1)
        {
            return 1.0;
        }

        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));

        // The continued fraction converges fast for x < (a + 1)/(a + b + 2); otherwise use the symmetry
        // I_x(a, b) = 1 − I_{1−x}(b, a).
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(a, b, x) / a
            : 1.0 - (front * ContinuedFraction(b, a, 1 - x) / b);
    }

    /// <summary>ln Γ(z) for z &gt; 0 (Lanczos, about 15 significant digits).</summary>
    public static double LogGamma(double z)
    {
        if (z < 0.5)
        {
            // Reflection: Γ(z) Γ(1 − z) = π / sin(πz).
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * z))) - LogGamma(1 - z);
        }

        z -= 1;
        var sum = LanczosCoefficients[0];
        for (var i = 1; i < LanczosCoefficients.Length; i++)
        {
            sum += LanczosCoefficients[i] / (z + i);
        }

        var t = z + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((z + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    private static double ContinuedFraction(double a, double b, double x)
    {
        const double tiny = 1e-300;
        const double epsilon = 1e-15;
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = 1 - (qab * x / qap);
        d = Math.Abs(d) < tiny ? tiny : d;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= 10_000; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < tiny ? tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < tiny ? tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < epsilon)
            {
                break;
            }
        }

        return h;
    }
}
