package io.ra2check.nativeprobes;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/** Test vectors are written as hex, in pieces that follow the struct fields; spaces inside a piece are ignored. */
final class Bytes {
    private Bytes() {
    }

    static byte[] hex(String... pieces) {
        return HexFormat.of().parseHex(String.join("", pieces).replace(" ", ""));
    }

    static ByteBuffer le(String... pieces) {
        return ByteBuffer.wrap(hex(pieces)).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ByteBuffer be(String... pieces) {
        return ByteBuffer.wrap(hex(pieces)).order(ByteOrder.BIG_ENDIAN);
    }

    static String zeros(int count) {
        return "00".repeat(count);
    }
}
