package io.ra2check.agent.host;

/**
 * One member of a snapshot archive, held in memory: a regular file with its content, a directory or a symbolic link.
 *
 * @param path       the member's path inside the archive, without a leading slash ({@code sys/bus/pci/devices})
 * @param content    a file's bytes (empty for directories and links)
 * @param linkTarget a link's target as stored (null for files and directories)
 */
public record ArchiveMember(String path, Type type, byte[] content, String linkTarget) {
    public enum Type { FILE, DIRECTORY, SYMLINK }

    public static ArchiveMember file(String path, byte[] content) {
        return new ArchiveMember(path, Type.FILE, content, null);
    }

    public static ArchiveMember directory(String path) {
        return new ArchiveMember(path, Type.DIRECTORY, new byte[0], null);
    }

    public static ArchiveMember symlink(String path, String target) {
        return new ArchiveMember(path, Type.SYMLINK, new byte[0], target);
    }
}
