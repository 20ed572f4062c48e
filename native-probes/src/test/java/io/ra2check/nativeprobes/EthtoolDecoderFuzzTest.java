package io.ra2check.nativeprobes;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Whatever a driver writes back into an ethtool command buffer, the decoders either decode it or throw
 * {@link MalformedReplyException}. The first input byte picks the link-mode word count the GLINKSETTINGS decoder is
 * told it asked for (as a signed byte, so hostile counts are covered); the rest is the reply. The default test run
 * replays the seed corpus (real captured replies); the fuzz execution (JAZZER_FUZZ=1) fuzzes for maxDuration.
 */
class EthtoolDecoderFuzzTest {
    private static final List<ByteOrder> ORDERS = List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN);

    @FuzzTest(maxDuration = "15s")
    void ethtoolDecodersThrowNothingButMalformedReply(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int askedWords = data[0];
        for (ByteOrder order : ORDERS) {
            ByteBuffer reply = ByteBuffer.wrap(data, 1, data.length - 1).slice().order(order);
            try {
                DriverInfo info = EthtoolCodec.decodeDriverInfo(reply);
                assertNotNull(info.driver());
            } catch (MalformedReplyException expected) {
                // the one allowed failure
            }
            try {
                int nwords = EthtoolCodec.decodeLinkModeWordCount(reply);
                assertTrue(nwords >= 1 && nwords <= EthtoolCodec.MAX_LINK_MODE_WORDS);
                checked(EthtoolCodec.decodeLinkSettings(reply, nwords));
            } catch (MalformedReplyException expected) {
                // the one allowed failure
            }
            try {
                checked(EthtoolCodec.decodeLinkSettings(reply, askedWords));
            } catch (MalformedReplyException expected) {
                // the one allowed failure
            }
            try {
                checked(EthtoolCodec.decodeLegacySettings(reply));
            } catch (MalformedReplyException expected) {
                // the one allowed failure
            }
            try {
                assertTrue(EthtoolCodec.decodeIfindex(reply) > 0);
            } catch (MalformedReplyException expected) {
                // the one allowed failure
            }
        }
    }

    private static void checked(LinkSettings settings) {
        Integer current = settings.currentSpeedMbps();
        assertTrue(current == null || current > 0);
        Integer max = settings.maxSupportedSpeedMbps();
        assertTrue(max == null || max > 0);
        assertTrue(settings.supportedLinkModes().size() <= 32 * EthtoolCodec.MAX_LINK_MODE_WORDS);
    }
}
