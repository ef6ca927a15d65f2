# The contigsim image for Kubernetes experiments (k8s/, docs/kubernetes.md).
#   docker build -t contigsim:0.1.0 .
# Stage 1 builds the runnable jar (it carries Pekko Management, Cluster Bootstrap and Kubernetes
# API discovery); stage 2 is a Java 17 runtime with that jar alone.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# the POMs first, so the dependency layer is reused while only sources change
COPY pom.xml ./
COPY kernel/pom.xml kernel/
COPY workloads/pom.xml workloads/
COPY node/pom.xml node/
COPY coordinator/pom.xml coordinator/
COPY benchmarks/pom.xml benchmarks/
RUN mvn -B -q -pl coordinator -am org.apache.maven.plugins:maven-dependency-plugin:3.8.1:go-offline || true
COPY kernel kernel
COPY workloads workloads
COPY node node
COPY coordinator coordinator
COPY benchmarks benchmarks
RUN mvn -B -q -pl coordinator -am package -DskipTests

FROM eclipse-temurin:17-jre
# a fixed non-root uid, so runAsNonRoot can verify it without a name lookup
RUN groupadd --system --gid 10001 contigsim \
 && useradd --system --uid 10001 --gid contigsim --home-dir /app --shell /usr/sbin/nologin contigsim \
 && mkdir -p /app /results \
 && chown contigsim:contigsim /results
WORKDIR /app
COPY --from=build /src/coordinator/target/contigsim.jar /app/contigsim.jar
COPY workloads/scenarios /app/scenarios
USER 10001:10001
# Artery (cluster remoting), Pekko Management (/ready, /alive, bootstrap), Prometheus metrics
EXPOSE 25520 7626 9095
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/contigsim.jar"]
CMD ["--help"]
