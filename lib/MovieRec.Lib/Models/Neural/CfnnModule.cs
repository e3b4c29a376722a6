using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MovieRec.Models.Neural;

/// <summary>
/// The collaborative-filtering network: r̂(u, i) = μ + b_u + b_i + w·MLP([p_u ; q_i]) — user and movie
/// embeddings concatenated and passed through a ReLU MLP to one output, on top of the usual biases (the
/// biases carry the "this user rates high / this movie is liked" signal, so the MLP learns the interaction).
/// </summary>
public sealed class CfnnModule : PairScoringModule
{
    private readonly Embedding user_embedding;
    private readonly Embedding item_embedding;
    private readonly Embedding user_bias;
    private readonly Embedding item_bias;
    private readonly Sequential mlp;
    private readonly Linear output;
    private readonly Parameter global_bias;
    private readonly double regularization;

    /// <param name="userCount">Users.</param>
    /// <param name="itemCount">Movies.</param>
    /// <param name="dimension">Size of each embedding.</param>
    /// <param name="hiddenSizes">Hidden layer widths of the MLP.</param>
    /// <param name="dropout">Dropout after each hidden layer during training.</param>
    /// <param name="initialScale">Standard deviation of the initial embeddings.</param>
    /// <param name="meanRating">Initial value of μ.</param>
    /// <param name="regularization">λ of the per-example penalty on the batch's embedding rows and biases.</param>
    public CfnnModule(
        long userCount, long itemCount, int dimension, IReadOnlyList<int> hiddenSizes, double dropout, double initialScale, float meanRating, double regularization)
        : base(nameof(CfnnModule))
    {
        user_embedding = NeuralLayers.Embedding(userCount, dimension, initialScale);
        item_embedding = NeuralLayers.Embedding(itemCount, dimension, initialScale);
        user_bias = NeuralLayers.Embedding(userCount, 1, 0);
        item_bias = NeuralLayers.Embedding(itemCount, 1, 0);
        mlp = NeuralLayers.Mlp(2L * dimension, hiddenSizes, dropout);
        output = nn.Linear(hiddenSizes.Count == 0 ? 2L * dimension : hiddenSizes[^1], 1);
        global_bias = nn.Parameter(tensor(meanRating));
        this.regularization = regularization;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor Score(Tensor users, Tensor items)
    {
        var joined = cat([user_embedding.forward(users), item_embedding.forward(items)], 1);
        var interaction = output.forward(mlp.forward(joined)).squeeze(1);
        return interaction + user_bias.forward(users).squeeze(1) + item_bias.forward(items).squeeze(1) + global_bias;
    }

    /// <inheritdoc/>
    public override Tensor ItemVectors() => item_embedding.weight!;

    /// <inheritdoc/>
    public override Tensor Penalty(Tensor users, Tensor items) =>
        BiasedEmbeddingPenalty(regularization, users, items, user_embedding, item_embedding, user_bias, item_bias);
}
