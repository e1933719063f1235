using System.Text;

namespace CallCenterSdk.Crm.Knowledge;

/// <summary>Splits user search text into plain words so no full-text query syntax reaches the engine
/// (an unbalanced quote in FTS5 would otherwise be a syntax error).</summary>
internal static class SearchTerms
{
    public const int MaxTerms = 16;

    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var terms = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (current.Length > 0)
            {
                Add(terms, current);
            }
        }

        if (current.Length > 0)
        {
            Add(terms, current);
        }

        return terms;
    }

    private static void Add(List<string> terms, StringBuilder current)
    {
        var term = current.ToString();
        current.Clear();
        if (terms.Count < MaxTerms && !terms.Contains(term))
        {
            terms.Add(term);
        }
    }

    public static void ValidateArticle(KnowledgeArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (string.IsNullOrWhiteSpace(article.Title) || article.Title.Length > 300)
        {
            throw new CrmValidationException("title", "is required and at most 300 characters");
        }

        if (article.Body is null || article.Body.Length > 100_000)
        {
            throw new CrmValidationException("body", "is required and at most 100000 characters");
        }
    }
}
