using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MovieRec.Models;

/// <summary>Small building blocks shared by the neural models (two-tower, MF, CFNN, NeuMF).</summary>
internal static class NeuralLayers
{
    /// <summary>An embedding table initialised from N(0, scale²) (zeros when scale is 0), drawn from the global generator.</summary>
    public static Embedding Embedding(long count, long dimension, double scale)
    {
        var embedding = nn.Embedding(count, dimension);
        using (no_grad())
        {
            if (scale > 0)
            {
                nn.init.normal_(embedding.weight!, 0, scale);
            }
            else
            {
                embedding.weight!.zero_();
            }
        }

        return embedding;
    }

    /// <summary>
    /// Linear → ReLU (→ Dropout) per hidden size, then a final Linear named "output" to
    /// <paramref name="outputSize"/> when given; without it the output width is the last hidden size (or the
    /// input width when there are no layers).
    /// </summary>
    public static Sequential Mlp(long inputSize, IReadOnlyList<int> hiddenSizes, double dropout, long? outputSize = null)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        var width = inputSize;
        for (var i = 0; i < hiddenSizes.Count; i++)
        {
            layers.Add(($"linear{i}", nn.Linear(width, hiddenSizes[i])));
            layers.Add(($"relu{i}", nn.ReLU()));
            if (dropout > 0)
            {
                layers.Add(($"dropout{i}", nn.Dropout(dropout)));
            }

            width = hiddenSizes[i];
        }

        if (outputSize is { } size)
        {
            layers.Add(("output", nn.Linear(width, size)));
        }
        else if (layers.Count == 0)
        {
            layers.Add(("identity", nn.Identity()));
        }

        return nn.Sequential(layers.ToArray());
    }

    /// <summary>Validation helper: throws <see cref="ArgumentException"/> naming <paramref name="parameterName"/>.</summary>
    public static void Require(bool condition, string message, string parameterName)
    {
        if (!condition)
        {
            throw new ArgumentException(message + ".", parameterName);
        }
    }
}
