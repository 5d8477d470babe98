using System.Runtime.CompilerServices;

// The tests check internals of the value set engine (regex options, compiled filters) directly.
[assembly: InternalsVisibleTo("TerminologyServer.Engine.Tests")]
