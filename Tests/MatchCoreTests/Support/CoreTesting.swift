// The brute-force oracles live in MatchCoreTesting, so that tests through the database
// (MatchWorkflowTests) check released nights with the same definitions.
@_exported import MatchCoreTesting
