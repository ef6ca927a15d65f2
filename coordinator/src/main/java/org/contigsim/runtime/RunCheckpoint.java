package org.contigsim.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.contigsim.coordinator.EpochJournal;
import org.contigsim.hocon.InputException;
import org.contigsim.host.HostNode;
import org.contigsim.scenario.Scenario;
import org.contigsim.scenario.ScenarioParser;
import org.contigsim.wire.KryoSerializer;

/**
 * {@code DIR.partial/checkpoint/}: what another process needs to finish a run that died
 * ({@code contigsim run --resume DIR.partial}, or a restarted coordinator pod): the resolved
 * scenario, the seed, and the coordinator's {@link EpochJournal}. It is removed before the
 * results directory is published, so a complete {@code DIR} never holds one.
 */
public final class RunCheckpoint {
    public static final String NAME = "checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the checkpointed run was started with. */
    public record Run(String scenarioFile, long seed, int jvms, String version) {
    }

    private RunCheckpoint() {
    }

    public static Path dir(Path partial) {
        return partial.resolve(NAME);
    }

    public static Path journal(Path partial) {
        return dir(partial).resolve("journal.bin");
    }

    public static boolean exists(Path partial) {
        return Files.isRegularFile(dir(partial).resolve("run.json"));
    }

    /** Writes run.json and the resolved scenario (the journal is written by the coordinator). */
    public static void start(Path partial, Path scenarioFile, Scenario scenario, long seed, int jvms) {
        try {
            Files.createDirectories(dir(partial));
            ObjectNode run = JSON.createObjectNode();
            run.put("scenario_file", scenarioFile.toString());
            run.put("seed", seed);
            run.put("jvms", jvms);
            run.put("contigsim", Release.VERSION);
            Files.writeString(dir(partial).resolve("scenario.conf"), scenario.render(), StandardCharsets.UTF_8);
            Files.writeString(dir(partial).resolve("run.json"), JSON.writeValueAsString(run) + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The checkpointed run's settings; a missing or foreign checkpoint is a usage error of {@code flag}. */
    public static Run read(Path partial, String flag) {
        Path file = dir(partial).resolve("run.json");
        if (!exists(partial)) {
            throw new UsageException(flag + ": " + partial + " holds no checkpoint (" + file + " is missing)");
        }
        try {
            JsonNode run = JSON.readTree(file.toFile());
            Run r = new Run(run.path("scenario_file").asText(), run.path("seed").asLong(), run.path("jvms").asInt(1),
                    run.path("contigsim").asText());
            if (!r.version().equals(Release.VERSION)) {
                throw new UsageException(flag + ": " + file + ": written by " + r.version() + ", this is " + Release.VERSION
                        + " (a run resumes only with the version that began it)");
            }
            return r;
        } catch (IOException e) {
            throw new UsageException(flag + ": " + file + ": not a checkpoint (" + e.getMessage().lines().findFirst()
                    .orElse("unreadable") + ")", e);
        }
    }

    /** The checkpointed run's resolved scenario. */
    public static Scenario scenario(Path partial, String flag) {
        try {
            return ScenarioParser.parse(dir(partial).resolve("scenario.conf"));
        } catch (InputException e) {
            throw new UsageException(flag + ": " + e.getMessage(), e);
        }
    }

    /** Replies to and from the journal in the wire format (Kryo, registered classes only). */
    public static EpochJournal.Codec codec(ActorSystem<?> system) {
        Serialization serialization = SerializationExtension.get(Adapter.toClassic(system));
        return new EpochJournal.Codec() {
            @Override
            public byte[] write(HostNode.EpochDone done) {
                return serialization.serialize(done).get();
            }

            @Override
            public HostNode.EpochDone read(byte[] bytes) {
                return (HostNode.EpochDone) serialization.deserialize(bytes, KryoSerializer.IDENTIFIER, "").get();
            }
        };
    }
}
