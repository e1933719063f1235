using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace CallCenterSdk.Ivr.Data;

/// <summary>
/// An <see cref="IIvrDataSource"/> over HTTP: the operation is a path relative to the base address, the
/// parameters go in the query string (GET) or as a JSON object body (POST), and the JSON object answer is
/// flattened into dotted names (<c>{"customer":{"name":"Li"}}</c> gives <c>customer.name</c>; array items are
/// <c>items.0</c>, <c>items.1</c>). Non-success status codes and non-object answers are failures.
/// </summary>
public sealed class HttpIvrDataSource : IIvrDataSource
{
    /// <summary>Answers larger than this are refused (a look-up returns a few fields, not a data dump).</summary>
    public const int MaxResponseBytes = 256 * 1024;

    private readonly HttpClient _client;
    private readonly bool _post;

    /// <summary>Creates the source over <paramref name="client"/>, whose BaseAddress must be set.</summary>
    /// <param name="client">The client (from IHttpClientFactory in hosts), with BaseAddress and any auth headers.</param>
    /// <param name="usePost">True to POST parameters as JSON; false (default) to GET with a query string.</param>
    public HttpIvrDataSource(HttpClient client, bool usePost = false)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.BaseAddress is null)
        {
            throw new ArgumentException("HttpClient.BaseAddress must be set for an HTTP data source.", nameof(client));
        }

        _client = client;
        _post = usePost;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyDictionary<string, string?>> LookupAsync(
        string operation, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(parameters);
        string[] segments = operation.Split('/');
        if (segments.Any(s => s is "." or ".."))
        {
            // The operation holds caller-controlled values (numbers, digits); it must not climb out of the base address.
            throw new DataLookupException($"Operation '{operation}' contains a '.' or '..' segment, which is not allowed.");
        }

        string path = string.Join('/', segments.Select(Uri.EscapeDataString));
        using var request = _post
            ? new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(parameters) }
            : new HttpRequestMessage(HttpMethod.Get, path + Query(parameters));
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new DataLookupException($"{request.Method} {new Uri(_client.BaseAddress!, request.RequestUri!)} failed: {e.Message}", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new DataLookupException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            if (response.Content.Headers.ContentLength > MaxResponseBytes)
            {
                throw new DataLookupException($"{request.RequestUri} answered {response.Content.Headers.ContentLength} bytes; the limit is {MaxResponseBytes}.");
            }

            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var limited = new MemoryStream();
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (limited.Length + read > MaxResponseBytes)
                    {
                        throw new DataLookupException($"{request.RequestUri} answered more than {MaxResponseBytes} bytes.");
                    }

                    limited.Write(buffer, 0, read);
                }

                try
                {
                    using var document = JsonDocument.Parse(limited.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        throw new DataLookupException($"{request.RequestUri} answered a JSON {document.RootElement.ValueKind}, not an object.");
                    }

                    var results = new Dictionary<string, string?>(StringComparer.Ordinal);
                    Flatten(document.RootElement, null, results);
                    return results;
                }
                catch (JsonException e)
                {
                    throw new DataLookupException($"{request.RequestUri} answered malformed JSON: {e.Message}", e);
                }
            }
        }
    }

    private static string Query(IReadOnlyDictionary<string, string> parameters) =>
        parameters.Count == 0 ? string.Empty
            : "?" + string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    private static void Flatten(JsonElement element, string? prefix, Dictionary<string, string?> results)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix is null ? property.Name : prefix + "." + property.Name, results);
                }

                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, (prefix ?? string.Empty) + "." + i.ToString(CultureInfo.InvariantCulture), results);
                    i++;
                }

                break;
            case JsonValueKind.String:
                results[prefix!] = element.GetString();
                break;
            case JsonValueKind.Null:
                results[prefix!] = null;
                break;
            default:
                results[prefix!] = element.GetRawText();
                break;
        }
    }
}
