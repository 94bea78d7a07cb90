package dev.hoglink.cli;

import dev.hoglink.util.AppDirs;
import dev.hoglink.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The file {@code --out} names, checked before anything is read or sent, so a path that cannot take the output
 * fails first and a link run never ends in "cannot write" after its links were sent. The output replaces a
 * regular file atomically; a symbolic link is followed to the file it names (the link stays a link); a folder, a
 * device, a pipe or a dangling link is refused, since replacing it would destroy it or write nowhere.
 */
final class OutFile {

    private final Path target;

    private OutFile(Path target) {
        this.target = target;
    }

    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(OutFile.class);

    /** Checks {@code out} and creates its missing folders (owner-only); throws a one-line failure, logged. */
    static OutFile check(Path out) {
        try {
            return checked(out);
        } catch (AuditCommand.Failure f) {
            LOGGER.warn("Output file refused: {}", f.getMessage());
            throw f;
        }
    }

    private static OutFile checked(Path out) {
        Path p = out.toAbsolutePath(); // not normalized: "link/../x" is where the system goes, not where ".." cuts
        if (Files.isSymbolicLink(p)) {
            try {
                p = p.toRealPath();
            } catch (IOException e) {
                throw new AuditCommand.Failure("--out " + out + " is a symbolic link to nothing; give a file's path");
            }
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new AuditCommand.Failure("--out " + out + " is a folder; give a file's path");
        }
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new AuditCommand.Failure("--out " + out + " is not a regular file (a device or a pipe); give a "
                    + "file's path, or leave --out off to write to standard output");
        }
        Path dir = p.getParent();
        try {
            AppDirs.ensure(dir);
        } catch (java.io.UncheckedIOException e) {
            throw new AuditCommand.Failure("--out " + out + ": cannot create the folder " + dir);
        }
        if (!Files.isWritable(dir) || Files.exists(p) && !Files.isWritable(p)) {
            throw new AuditCommand.Failure("--out " + out + ": no permission to write there");
        }
        return new OutFile(p);
    }

    /** Replaces the file with {@code bytes}, atomically. */
    void write(byte[] bytes) throws IOException {
        AtomicFiles.write(target, bytes);
    }
}
