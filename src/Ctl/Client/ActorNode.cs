namespace Akka.Ingest.Ctl.Client;

/// <summary><c>/admin/actors</c>: one actor and those below it.</summary>
public sealed record ActorNode(string Path, string Name, long Uid, string? Type, IReadOnlyList<ActorNode> Children, int HiddenChildren)
{
    public int Count => 1 + Children.Sum(c => c.Count);
}
