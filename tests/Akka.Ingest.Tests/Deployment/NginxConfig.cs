using System.Text;

namespace Akka.Ingest.Tests.Deployment;

/// <summary>
/// An nginx configuration file as a tree of directives (name, arguments, and the block's children), enough to
/// check what a file says; quotes are kept off the arguments, comments dropped.
/// </summary>
public sealed record NginxDirective(string Name, IReadOnlyList<string> Arguments, IReadOnlyList<NginxDirective> Block)
{
    public IEnumerable<NginxDirective> All(string name) => Block.Where(d => d.Name == name);

    public NginxDirective One(string name) =>
        All(name).SingleOrDefault() ?? throw new Xunit.Sdk.XunitException($"'{Name} {string.Join(' ', Arguments)}' has no single '{name}'");

    /// <summary>The value a directive has here, inherited from the enclosing blocks as nginx does (innermost wins).</summary>
    public static IReadOnlyList<string>? Effective(string name, params NginxDirective[] outerToInner) =>
        outerToInner.Reverse().Select(block => block.All(name).LastOrDefault()?.Arguments).FirstOrDefault(arguments => arguments is not null);

    public static NginxDirective Parse(string text)
    {
        var tokens = Tokens(text).GetEnumerator();
        return new NginxDirective("(file)", [], ReadBlock(tokens, topLevel: true));
    }

    private static List<NginxDirective> ReadBlock(IEnumerator<string> tokens, bool topLevel)
    {
        var directives = new List<NginxDirective>();
        var words = new List<string>();
        while (tokens.MoveNext())
        {
            switch (tokens.Current)
            {
                case ";":
                    directives.Add(new NginxDirective(words[0], words[1..], []));
                    words = [];
                    break;
                case "{":
                    directives.Add(new NginxDirective(words[0], words[1..], ReadBlock(tokens, topLevel: false)));
                    words = [];
                    break;
                case "}":
                    return directives;
                default:
                    words.Add(tokens.Current);
                    break;
            }
        }
        Assert.True(topLevel && words.Count == 0, "the nginx file ends inside a block or a directive");
        return directives;
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                    i++;
            }
            else if (c is '"' or '\'')
            {
                var end = text.IndexOf(c, i + 1);
                yield return text[(i + 1)..end];
                i = end;
            }
            else if (char.IsWhiteSpace(c) || c is ';' or '{' or '}')
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
                if (!char.IsWhiteSpace(c))
                    yield return c.ToString();
            }
            else
            {
                word.Append(c);
            }
        }
    }
}
