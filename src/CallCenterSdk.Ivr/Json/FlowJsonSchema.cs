namespace CallCenterSdk.Ivr.Json;

/// <summary>
/// The JSON Schema (draft 2020-12) of the flow format <see cref="FlowJsonLoader.Schema"/>, for editors, CI checks
/// and flow-authoring tools; the same file is <c>docs/schemas/callcentersdk.ivr.flow-1.schema.json</c>. It checks a
/// document's shape; <see cref="FlowJsonLoader"/> checks that and what a schema cannot (expressions, templates,
/// patterns and the graph), so a document the loader accepts always validates against this schema.
/// </summary>
public static class FlowJsonSchema
{
    private const string ResourceName = "CallCenterSdk.Ivr.Json.callcentersdk.ivr.flow-1.schema.json";
    private static readonly Lazy<string> Document = new(Read);

    /// <summary>The schema's <c>$id</c>.</summary>
    public const string Id = "urn:callcentersdk:schema:ivr.flow:1";

    /// <summary>The file name the schema is published under.</summary>
    public const string FileName = "callcentersdk.ivr.flow-1.schema.json";

    /// <summary>The schema document (UTF-8 JSON text).</summary>
    public static string Text => Document.Value;

    private static string Read()
    {
        using var stream = typeof(FlowJsonSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly {typeof(FlowJsonSchema).Assembly.GetName().Name} lacks its resource {ResourceName}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
