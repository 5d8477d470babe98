namespace TerminologyServer.Engine.CodeSystems;

/// <summary>The value types a CodeSystem property may have (R4 <c>CodeSystem.property.type</c>).</summary>
public enum PropertyType : byte
{
    Code,
    Coding,
    String,
    Integer,
    Boolean,
    DateTime,
    Decimal,
}
