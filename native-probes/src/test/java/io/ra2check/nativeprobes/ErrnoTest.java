package io.ra2check.nativeprobes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrnoTest {
    @Test
    void describesTheErrnosTheProbesMeet() {
        assertEquals("ENODEV (no such device)", Errno.describe(19));
        assertEquals("EPERM (operation not permitted)", Errno.describe(1));
        assertEquals("ENOENT (no such entry)", Errno.describe(2));
        assertEquals("EOPNOTSUPP (operation not supported)", Errno.describe(95));
        assertEquals("errno 4095", Errno.describe(4095));
    }

    @Test
    void namesTheDriverForEopnotsupp() {
        assertEquals("EOPNOTSUPP (operation not supported by driver virtio_net)",
                Errno.describeForDriver(Errno.EOPNOTSUPP, "driver virtio_net"));
        assertEquals("ENODEV (no such device)", Errno.describeForDriver(Errno.ENODEV, "driver virtio_net"));
    }
}
