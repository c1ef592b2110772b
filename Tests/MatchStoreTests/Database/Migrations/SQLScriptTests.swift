import MatchStore
import Testing

@Suite("Splitting SQL files into statements")
struct SQLScriptTests {
    @Test("semicolons split statements, and each remembers its first line")
    func plain() {
        let script = SQLScript("CREATE TABLE a (id int);\n\n-- a comment; with a semicolon\nCREATE TABLE b (id int);\n")
        #expect(script.statements.map(\.sql) == ["CREATE TABLE a (id int)", "-- a comment; with a semicolon\nCREATE TABLE b (id int)"])
        #expect(script.statements.map(\.line) == [1, 3])
    }

    @Test("semicolons inside strings, identifiers, comments and dollar quotes do not split")
    func hiddenSemicolons() {
        let sql = """
            INSERT INTO t VALUES ('a;b', E'c\\';d', "odd;name");
            /* outer /* nested; */ still; */ SELECT 1;
            CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;
            SELECT $1;
            """
        let statements = SQLScript(sql).statements
        #expect(statements.count == 4)
        #expect(statements[2].sql.hasSuffix("LANGUAGE plpgsql"))
        #expect(statements[3].sql == "SELECT $1")
    }

    @Test("a trailing comment is not a statement")
    func trailingComment() {
        #expect(SQLScript("SELECT 1;\n-- done\n").statements.count == 1)
    }

    @Test("an error position inside a statement maps back to the file's line")
    func positions() {
        let statement = SQLScript("SELECT 1;\nSELECT\n  oops;").statements[1]
        #expect(statement.line == 2)
        #expect(statement.fileLine(atCharacter: 10) == 3)
    }
}
