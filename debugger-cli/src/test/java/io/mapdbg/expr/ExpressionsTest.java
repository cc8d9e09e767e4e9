package io.mapdbg.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mapdbg.expr.Expr.BinaryOp;
import io.mapdbg.expr.Expr.Helper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpressionsTest {

    private static String shown(String text) {
        return Expressions.show(Expressions.parse(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "a || b && c => (a || (b && c))",
            "a && b || c => ((a && b) || c)",
            "a == b && c != d => ((a == b) && (c != d))",
            "a < b == c >= d => ((a < b) == (c >= d))",
            "1 + 2 * 3 - 4 / 5 % 6 => ((1 + (2 * 3)) - ((4 / 5) % 6))",
            "a - b - c => ((a - b) - c)",
            "!a && -b < 3 => (!a && (-b < 3))",
            "-a.b[2].c => -a.b[2].c",
            "(a + b) * c => ((a + b) * c)",
            "x instanceof java.lang.String && y => ((x instanceof java.lang.String) && y)",
            "a + 1 instanceof Integer == b => (((a + 1) instanceof Integer) == b)",
            "len(this.table) > bin(map, key) + hash(k) => (len(this.table) > (bin(map, key) + hash(k)))",
            "!!a => !!a",
            "a[b[0]][1] => a[b[0]][1]",
    })
    void precedenceAndAssociativity(String text, String expected) {
        assertThat(shown(text)).isEqualTo(expected);
    }

    @Test
    void everyNodeKindWithItsColumn() {
        Expr.Binary or = (Expr.Binary) Expressions.parse("key == \"k\" || this.map.size >= 3");
        assertThat(or.op()).isEqualTo(BinaryOp.OR);
        assertThat(or.column()).isEqualTo(12);
        Expr.Binary eq = (Expr.Binary) or.left();
        assertThat(eq.left()).isEqualTo(new Expr.Name("key", 1));
        assertThat(eq.right()).isEqualTo(new Expr.Literal("k", 8));
        Expr.Binary ge = (Expr.Binary) or.right();
        assertThat(ge.left()).isEqualTo(new Expr.FieldAccess(new Expr.FieldAccess(new Expr.Name("this", 15), "map", 20),
                "size", 24));
        assertThat(Expressions.parse("a[1]")).isEqualTo(new Expr.Index(new Expr.Name("a", 1), new Expr.Literal(1, 3), 2));
        assertThat(Expressions.parse("!x")).isEqualTo(new Expr.Unary(Expr.UnaryOp.NOT, new Expr.Name("x", 2), 1));
        assertThat(Expressions.parse("x instanceof a.B")).isEqualTo(new Expr.InstanceOf(new Expr.Name("x", 1), "a.B", 3));
        assertThat(Expressions.parse("bin(m, k)")).isEqualTo(new Expr.Call(Helper.BIN,
                List.of(new Expr.Name("m", 5), new Expr.Name("k", 8)), 1));
        assertThat(Expressions.parse("a.length")).isEqualTo(new Expr.FieldAccess(new Expr.Name("a", 1), "length", 3));
    }

    @Test
    void literals() {
        assertThat(literal("42")).isEqualTo(42);
        assertThat(literal("0x7fffffff")).isEqualTo(Integer.MAX_VALUE);
        assertThat(literal("0xFFFFFFFF")).isEqualTo(-1);
        assertThat(literal("1_000")).isEqualTo(1000);
        assertThat(literal("42L")).isEqualTo(42L);
        assertThat(literal("9000000000L")).isEqualTo(9_000_000_000L);
        assertThat(literal("1.5")).isEqualTo(1.5);
        assertThat(literal("2e3")).isEqualTo(2000.0);
        assertThat(literal(".5")).isEqualTo(0.5);
        assertThat(literal("3d")).isEqualTo(3.0);
        assertThat(literal("'x'")).isEqualTo('x');
        assertThat(literal("'\\''")).isEqualTo('\'');
        assertThat(literal("'\\u0041'")).isEqualTo('A');
        assertThat(literal("\"a\\tb\\n\\\"q\\\" \\\\ \\u00e9\"")).isEqualTo("a\tb\n\"q\" \\ \u00e9");
        assertThat(literal("\"\"")).isEqualTo("");
        assertThat(literal("true")).isEqualTo(true);
        assertThat(literal("false")).isEqualTo(false);
        assertThat(literal("null")).isNull();
        assertThat(Expressions.parse("-2147483648")).isEqualTo(new Expr.Literal(Integer.MIN_VALUE, 1));
        assertThat(Expressions.parse("-5")).isEqualTo(new Expr.Unary(Expr.UnaryOp.NEGATE, new Expr.Literal(5, 2), 1));
    }

    private static Object literal(String text) {
        return ((Expr.Literal) Expressions.parse(text)).value();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "len(a.b => column 8: expected ')' but found end of expression",
            "(a + b => column 7: expected ')' but found end of expression",
            "a + => column 4: expected a value but found end of expression",
            "a == == b => column 6: expected a value but found '=='",
            "key == \"order-42 => column 8: unclosed string literal",
            "a b => column 3: unexpected 'b' after the expression",
            "a. => column 3: expected a field name after '.' but found end of expression",
            "x # y => column 3: unexpected character '#'",
            "key.equals(\"x\") => column 5: method calls are not supported",
            "foo(1) => column 1: unknown function foo(...): the helpers are len(x), bin(map, key), hash(key)",
            "bin(m) => column 1: bin takes 2 arguments: bin(map, key)",
            "a[1 => column 4: expected ']'",
            "'ab' => column 1: a char literal holds one character",
            "\"\\q\" => column 2: unknown escape '\\q'",
            "2147483648 => column 1: integer too large",
            "12abc => column 3: malformed number",
            "x instanceof => column 13: expected a class name after instanceof",
            "a = b => column 3: unexpected character '='",
    })
    void errorsNameTheColumn(String text, String message) {
        assertThatThrownBy(() -> Expressions.parse(text))
                .isInstanceOf(ExpressionException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void emptyTextIsAnError() {
        assertThatThrownBy(() -> Expressions.parse("  ")).isInstanceOf(ExpressionException.class)
                .hasMessage("column 1: empty expression");
    }
}
