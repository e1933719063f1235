namespace CallCenterSdk.Ivr.Tests.Support;

/// <summary>Reads the JSON flow example out of docs/ivr.md (copied next to the tests by the project file).</summary>
internal static class DocsJson
{
    public const string Heading = "### Complete example";

    /// <summary>The first ```json block after the "Complete example" heading, without the fences.</summary>
    public static string CompleteExample(string markdown)
    {
        int heading = markdown.IndexOf(Heading, StringComparison.Ordinal);
        Assert.True(heading >= 0, $"docs/ivr.md has no '{Heading}' heading");
        int open = markdown.IndexOf("```json\n", heading, StringComparison.Ordinal);
        Assert.True(open >= 0, "no ```json block after the heading");
        open += "```json\n".Length;
        int close = markdown.IndexOf("\n```", open, StringComparison.Ordinal);
        Assert.True(close >= 0, "the ```json block is not closed");
        return markdown[open..close];
    }
}
