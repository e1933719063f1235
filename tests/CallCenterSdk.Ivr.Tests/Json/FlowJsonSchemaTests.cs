using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Json;
using CallCenterSdk.Ivr.Tests.Support;

namespace CallCenterSdk.Ivr.Tests.Json;

/// <summary>
/// The published JSON Schema of the flow format against the loader: they must agree on every document in the
/// repository, on the exact property set of every object the loader reads, and on thousands of mutated documents.
/// The schema checks shape only; what it cannot check (expressions, templates, patterns, the graph) is the loader's.
/// </summary>
public class FlowJsonSchemaTests
{
    private static readonly JsonDocument SchemaDocument = JsonDocument.Parse(FlowJsonSchema.Text);
    private static readonly JsonSchemaValidator Validator = new(SchemaDocument.RootElement);

    private static string Output(params string[] parts) => Path.Combine([AppContext.BaseDirectory, .. parts]);

    private static string EveryOption => File.ReadAllText(Output("Json", "Flows", "every-option.json"));

    /// <summary>Loader errors about what a JSON Schema cannot express: the schema accepts such documents.</summary>
    private static bool IsBeyondSchema(FlowValidationError e) =>
        e.Code is FlowValidationCode.MissingTarget or FlowValidationCode.UnreachableNode or FlowValidationCode.LoopWithoutInput or FlowValidationCode.DuplicateNode
        || (e.Code == FlowValidationCode.InvalidOption && (
            e.Message.StartsWith("Expression '", StringComparison.Ordinal)
            || e.Message.StartsWith("Text '", StringComparison.Ordinal)
            || e.Message.Contains("not a valid regular expression", StringComparison.Ordinal)
            || e.Message.Contains("is larger than 'maxDigits'", StringComparison.Ordinal)
            || e.Message.Contains("both an option and the repeat or back key", StringComparison.Ordinal)));

    private static IReadOnlyList<FlowValidationError> LoaderErrors(string json)
    {
        try
        {
            FlowJsonLoader.Load(json);
            return [];
        }
        catch (FlowValidationException e)
        {
            return e.Errors;
        }
    }

    private static List<string> SchemaErrors(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return Validator.Validate(document.RootElement);
    }

    /// <summary>
    /// Null when loader and schema agree on <paramref name="json"/>, else what each said. Agreeing means: what the schema
    /// refuses the loader refuses too, and what the schema accepts the loader accepts or refuses only for reasons beyond
    /// a schema (so a document the loader accepts always validates).
    /// </summary>
    private static string? Disagreement(string json)
    {
        var loader = LoaderErrors(json);
        var schema = SchemaErrors(json);
        bool agree = schema.Count == 0 ? loader.All(IsBeyondSchema) : loader.Count > 0;
        return agree
            ? null
            : $"loader: [{string.Join("; ", loader.Select(e => $"{e.Path} {e.Message}"))}] schema: [{string.Join("; ", schema)}]";
    }

    [Fact]
    public void The_schema_ships_in_the_assembly_is_the_docs_file_and_names_the_loaders_format()
    {
        string docsCopy = File.ReadAllText(Output("Docs", "schemas", FlowJsonSchema.FileName));
        Assert.Equal(docsCopy, FlowJsonSchema.Text);
        var root = SchemaDocument.RootElement;
        Assert.Equal(FlowJsonSchema.Id, root.GetProperty("$id").GetString());
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal(FlowJsonLoader.Schema, root.GetProperty("properties").GetProperty("schema").GetProperty("const").GetString());
        var types = root.GetProperty("$defs").GetProperty("step").GetProperty("properties").GetProperty("type").GetProperty("enum")
            .EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.Equal(FlowJsonLoader.StepTypes, types);
        foreach (string type in types)
        {
            Assert.True(root.GetProperty("$defs").TryGetProperty(type, out _), $"no $defs/{type}");
        }
    }

    public static TheoryData<string> RepositoryFlows() => new(RepositoryFlowFiles());

    private static List<string> RepositoryFlowFiles()
    {
        var files = new List<string>();
        var candidates = Directory.EnumerateFiles(Output("RepositoryFlows"), "*.json", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Output("Json", "Flows"), "*.json"))
            .Append(Output("EndToEnd", "main-flow.json"));
        foreach (string file in candidates.Order(StringComparer.Ordinal))
        {
            if (File.ReadAllText(file).Contains("\"callcentersdk.ivr.flow/", StringComparison.Ordinal))
            {
                files.Add(Path.GetRelativePath(AppContext.BaseDirectory, file));
            }
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(RepositoryFlows))]
    public void Every_flow_document_in_the_repository_is_judged_alike_by_schema_and_loader(string file)
    {
        string json = File.ReadAllText(Output(file));
        Assert.Null(Disagreement(json));
    }

    [Fact]
    public void The_shipped_flows_and_the_docs_example_are_valid_against_the_schema()
    {
        var flows = RepositoryFlowFiles();
        // Samples of the reference center, the IVR tests' own flows and the hosting tests' flows are all found.
        Assert.Contains(flows, f => f.Contains("acme-main.json", StringComparison.Ordinal));
        Assert.Contains(flows, f => f.Contains("globex-main.json", StringComparison.Ordinal));
        Assert.Contains(flows, f => f.Contains("every-option.json", StringComparison.Ordinal));
        Assert.Contains(flows, f => f.Contains("hosting-tests", StringComparison.Ordinal));
        foreach (string file in flows.Where(f => !f.EndsWith("broken.json", StringComparison.Ordinal)))
        {
            string json = File.ReadAllText(Output(file));
            Assert.True(SchemaErrors(json).Count == 0, $"{file}: {string.Join("; ", SchemaErrors(json))}");
            FlowJsonLoader.Load(json);
        }

        string docsExample = DocsJson.CompleteExample(File.ReadAllText(Output("Docs", "ivr.md")));
        Assert.Empty(SchemaErrors(docsExample));
    }

    [Fact]
    public void A_document_with_a_missing_target_is_the_loaders_to_refuse_the_schema_checks_only_shape()
    {
        string json = """{ "schema": "callcentersdk.ivr.flow/1", "id": "f", "start": "a", "nodes": [ { "id": "a", "type": "play", "prompts": [], "next": "ghost" } ] }""";
        Assert.Empty(SchemaErrors(json));
        Assert.Equal(FlowValidationCode.MissingTarget, Assert.Single(LoaderErrors(json)).Code);
    }

    [Fact]
    public void The_loader_asks_for_exactly_the_properties_the_schema_lists_for_every_object_it_reads()
    {
        string json = EveryOption;
        var asked = new List<(string Path, IReadOnlySet<string> Names)>();
        FlowJsonLoader.Load(Encoding.UTF8.GetBytes(json), (path, names) => asked.Add((path, names.ToHashSet(StringComparer.Ordinal))));
        using var document = JsonDocument.Parse(json);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, names) in asked)
        {
            var (schema, instance) = Locate(path, document.RootElement);
            var properties = schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            Assert.True(properties.SetEquals(names),
                $"{path}: the schema lists [{string.Join(", ", properties.Order())}] but the loader asked for [{string.Join(", ", names.Order())}]");
            seen.Add(path == "$" ? "$"
                : Regex.IsMatch(path, @"^\$\.nodes\[\d+\]$") ? "step " + instance.GetProperty("type").GetString()
                : Regex.Match(path, @"\.([A-Za-z]+)\[\d+\]$").Groups[1].Value);
        }

        // Every step type, every prompt kind, branches and questions were compared (and the top level, "$").
        foreach (string type in FlowJsonLoader.StepTypes)
        {
            Assert.Contains("step " + type, seen);
        }

        Assert.Contains("branches", seen);
        Assert.Contains("questions", seen);
        Assert.Contains("$", seen);
        var promptKinds = asked.Where(a => Regex.IsMatch(a.Path, @"(prompts|Prompts|holdMusic|announcement|periodicMessages|intro|thanks)\[\d+\]$"))
            .Select(a => a.Names.First(n => n is "say" or "file" or "tone" or "silence")).ToHashSet();
        Assert.Equal(["file", "say", "silence", "tone"], promptKinds.Order());
    }

    /// <summary>The concrete object schema and the instance at a loader path such as <c>$.nodes[3].prompts[0]</c>.</summary>
    private static (JsonElement Schema, JsonElement Instance) Locate(string path, JsonElement root)
    {
        var schema = SchemaDocument.RootElement;
        var instance = root;
        foreach (Match segment in Regex.Matches(path, @"\.([A-Za-z]+)|\[(\d+)\]"))
        {
            schema = Validator.Concrete(schema, instance);
            if (segment.Groups[1].Success)
            {
                schema = schema.GetProperty("properties").GetProperty(segment.Groups[1].Value);
                instance = instance.GetProperty(segment.Groups[1].Value);
            }
            else
            {
                schema = Validator.Resolve(schema).GetProperty("items");
                instance = instance[int.Parse(segment.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)];
            }
        }

        return (Validator.Concrete(schema, instance), instance);
    }

    private static readonly string[] MutantValues =
    [
        "null", "\"\"", "\" \"", "\"x\"", "\"1\"", "\"*\"", "\"[0-9]{1,3}\"", "0", "-1", "0.5", "1", "2.0", "7", "100000", "true", "false",
        "[]", "{}", "[\"x\"]", "[{ \"say\": \"x\" }]", "{ \"1\": \"x\" }", "{ \"1\": 5 }",
    ];

    [Fact]
    public void Loader_and_schema_agree_on_thousands_of_mutated_documents()
    {
        // Every property of every object in a flow that uses every option is set to each of a range of values,
        // removed, and joined by an unknown property. The schema must refuse a document exactly when the loader
        // refuses it for a reason of shape.
        var original = JsonNode.Parse(EveryOption)!;
        var objects = new List<List<object>>();
        Collect(original, [], objects);
        var disagreements = new List<string>();
        int documents = 0;
        foreach (var at in objects)
        {
            var names = ((JsonObject)Find(original, at)).Select(p => p.Key).ToList();
            foreach (string name in names)
            {
                foreach (string value in MutantValues.Append("(removed)"))
                {
                    var copy = original.DeepClone();
                    var target = (JsonObject)Find(copy, at);
                    if (value == "(removed)")
                    {
                        target.Remove(name);
                    }
                    else
                    {
                        target[name] = JsonNode.Parse(value);
                    }

                    documents++;
                    if (Disagreement(copy.ToJsonString()) is { } why)
                    {
                        disagreements.Add($"{Describe(at)}.{name} = {value}: {why}");
                    }
                }
            }

            var extra = original.DeepClone();
            ((JsonObject)Find(extra, at))["bogus"] = 1;
            documents++;
            if (Disagreement(extra.ToJsonString()) is { } unknown)
            {
                disagreements.Add($"{Describe(at)}.bogus: {unknown}");
            }
        }

        Assert.True(documents > 3000, $"only {documents} documents");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {documents} documents judged differently:\n{string.Join("\n", disagreements.Take(25))}");
    }

    private static void Collect(JsonNode node, List<object> path, List<List<object>> objects)
    {
        switch (node)
        {
            case JsonObject o:
                objects.Add(path);
                foreach (var (name, child) in o)
                {
                    if (child is not null)
                    {
                        Collect(child, [.. path, name], objects);
                    }
                }

                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } item)
                    {
                        Collect(item, [.. path, i], objects);
                    }
                }

                break;
        }
    }

    private static JsonNode Find(JsonNode root, List<object> path) =>
        path.Aggregate(root, (node, step) => step is int i ? node[i]! : node[(string)step]!);

    private static string Describe(List<object> path) => "$" + string.Concat(path.Select(p => p is int i ? $"[{i}]" : $".{p}"));
}
