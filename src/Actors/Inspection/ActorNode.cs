namespace Akka.Ingest.Inspection;

/// <summary>
/// One live actor as it answered <c>Identify</c>. <see cref="Uid"/> changes with every incarnation, so a
/// restarted actor shows the same path with a new uid. <see cref="Type"/> is known for local actors only.
/// <see cref="HiddenChildren"/>: children of this actor that the depth limit left out (counted, not shown).
/// </summary>
public sealed record ActorNode(string Path, string Name, long Uid, string? Type, IReadOnlyList<ActorNode> Children, int HiddenChildren);
