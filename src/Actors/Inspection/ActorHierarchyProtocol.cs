using Akka.Actor;

namespace Akka.Ingest.Inspection;

/// <summary>What <see cref="ActorHierarchyActor"/> is asked and what it answers.</summary>
public static class ActorHierarchyProtocol
{
    /// <summary>Find the live actors at and below <see cref="Path"/>, at most <see cref="Depth"/> levels down.</summary>
    public sealed record ExploreHierarchy(string Path, int Depth) : INoSerializationVerificationNeeded;

    /// <summary>The tree found; <see cref="Root"/> is null when no actor answered at the path.</summary>
    public sealed record HierarchyExplored(ActorNode? Root) : INoSerializationVerificationNeeded;
}
