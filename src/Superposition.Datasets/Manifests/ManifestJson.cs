using System.Text.Encodings.Web;
using System.Text.Json;

namespace Superposition.Datasets.Manifests;

/// <summary>Writes and reads manifest.json: snake_case keys, indented, non-ASCII kept readable (it is a file, not HTML).</summary>
internal static class ManifestJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Task WriteAsync(Stream output, ManifestDocument document, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(output, document, Options, cancellationToken);

    public static ValueTask<ManifestDocument?> ReadAsync(Stream input, CancellationToken cancellationToken) =>
        JsonSerializer.DeserializeAsync<ManifestDocument>(input, Options, cancellationToken);
}
