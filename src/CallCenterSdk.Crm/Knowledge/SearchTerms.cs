using System.Text;

namespace CallCenterSdk.Crm.Knowledge;

/// <summary>Splits user search text into plain words so no full-text query syntax reaches the engine
/// (an unbalanced quote in FTS5 would otherwise be a syntax error).</summary>
internal static class SearchTerms
{
    public const int MaxTerms = 16;

    // Common English function words are dropped on both engines: PostgreSQL's english configuration
    // drops them from queries anyway, and SQLite's FTS5 would otherwise require them to be present.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "do", "does", "for", "from", "has", "have", "how", "i",
        "if", "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "so", "such", "that",
        "the", "their", "then", "there", "these", "they", "this", "to", "was", "we", "were", "what", "when", "where",
        "which", "who", "why", "will", "with", "you", "your",
    };

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
        if (terms.Count < MaxTerms && !StopWords.Contains(term) && !terms.Contains(term))
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
