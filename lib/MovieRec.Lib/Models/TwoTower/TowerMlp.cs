using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MovieRec.Models.TwoTower;

/// <summary>The feed-forward part of both towers: Linear → ReLU (→ Dropout) per hidden size, then a final Linear.</summary>
internal static class TowerMlp
{
    /// <summary>An embedding table initialised from N(0, scale²) (drawn from the global generator).</summary>
    public static Embedding Embedding(long count, long dimension, double scale)
    {
        var embedding = nn.Embedding(count, dimension);
        using (no_grad())
        {
            nn.init.normal_(embedding.weight!, 0, scale);
        }

        return embedding;
    }

    public static Sequential Build(long inputSize, IReadOnlyList<int> hiddenSizes, long outputSize, double dropout)
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

        layers.Add(("output", nn.Linear(width, outputSize)));
        return nn.Sequential(layers.ToArray());
    }
}
