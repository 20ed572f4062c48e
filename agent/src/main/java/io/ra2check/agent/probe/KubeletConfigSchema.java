package io.ra2check.agent.probe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The fields of KubeletConfiguration v1beta1 (Kubernetes 1.35) and their Go types, as JSON decoding sees them.
 * Settings whose shape varies between versions and that no check reads (logging, tracing) are only asked to be
 * mappings.
 */
final class KubeletConfigSchema {
    private KubeletConfigSchema() {
    }

    enum Kind { STRING, DURATION, BOOL, INT32, INT64, FLOAT, LIST, MAP, OBJECT, ANY }

    /**
     * @param element the type of a list's elements or a map's values
     * @param fields  an object's fields
     * @param check   for strings: the problem with a value, or null when it is acceptable
     */
    record Type(Kind kind, Type element, Map<String, Type> fields, UnaryOperator<String> check) {
    }

    static final Type STRING = new Type(Kind.STRING, null, null, null);
    static final Type DURATION = new Type(Kind.DURATION, null, null, null);
    static final Type BOOL = new Type(Kind.BOOL, null, null, null);
    static final Type INT32 = new Type(Kind.INT32, null, null, null);
    static final Type INT64 = new Type(Kind.INT64, null, null, null);
    static final Type FLOAT = new Type(Kind.FLOAT, null, null, null);
    static final Type ANY = new Type(Kind.ANY, null, null, null);

    static Type string(UnaryOperator<String> check) {
        return new Type(Kind.STRING, null, null, check);
    }

    static Type list(Type element) {
        return new Type(Kind.LIST, element, null, null);
    }

    static Type map(Type value) {
        return new Type(Kind.MAP, value, null, null);
    }

    static Type object(Object... nameThenType) {
        Map<String, Type> f = new LinkedHashMap<>();
        for (int i = 0; i < nameThenType.length; i += 2) {
            f.put((String) nameThenType[i], (Type) nameThenType[i + 1]);
        }
        return new Type(Kind.OBJECT, null, java.util.Collections.unmodifiableMap(f), null);
    }

    private static final Type QUANTITIES = map(string(KubeletValues::quantity));

    static final Type ROOT = object(
            "apiVersion", STRING,
            "kind", STRING,
            "enableServer", BOOL,
            "staticPodPath", STRING,
            "podLogsDir", STRING,
            "syncFrequency", DURATION,
            "fileCheckFrequency", DURATION,
            "httpCheckFrequency", DURATION,
            "staticPodURL", STRING,
            "staticPodURLHeader", map(list(STRING)),
            "address", STRING,
            "port", INT32,
            "readOnlyPort", INT32,
            "tlsCertFile", STRING,
            "tlsPrivateKeyFile", STRING,
            "tlsCipherSuites", list(STRING),
            "tlsCurvePreferences", list(INT32),
            "tlsMinVersion", STRING,
            "rotateCertificates", BOOL,
            "serverTLSBootstrap", BOOL,
            "authentication", object(
                    "x509", object("clientCAFile", STRING),
                    "webhook", object("enabled", BOOL, "cacheTTL", DURATION),
                    "anonymous", object("enabled", BOOL)),
            "authorization", object(
                    "mode", STRING,
                    "webhook", object("cacheAuthorizedTTL", DURATION, "cacheUnauthorizedTTL", DURATION)),
            "registryPullQPS", INT32,
            "registryBurst", INT32,
            "imagePullCredentialsVerificationPolicy", STRING,
            "preloadedImagesVerificationAllowlist", list(STRING),
            "eventRecordQPS", INT32,
            "eventBurst", INT32,
            "enableDebuggingHandlers", BOOL,
            "enableContentionProfiling", BOOL,
            "healthzPort", INT32,
            "healthzBindAddress", STRING,
            "oomScoreAdj", INT32,
            "clusterDomain", STRING,
            "clusterDNS", list(STRING),
            "streamingConnectionIdleTimeout", DURATION,
            "nodeStatusUpdateFrequency", DURATION,
            "nodeStatusReportFrequency", DURATION,
            "nodeLeaseDurationSeconds", INT32,
            "imageMinimumGCAge", DURATION,
            "imageMaximumGCAge", DURATION,
            "imageGCHighThresholdPercent", INT32,
            "imageGCLowThresholdPercent", INT32,
            "volumeStatsAggPeriod", DURATION,
            "kubeletCgroups", STRING,
            "systemCgroups", STRING,
            "cgroupRoot", STRING,
            "cgroupsPerQOS", BOOL,
            "cgroupDriver", STRING,
            "cpuManagerPolicy", string(KubeletValues::cpuManagerPolicy),
            "singleProcessOOMKill", BOOL,
            "cpuManagerPolicyOptions", map(STRING),
            "cpuManagerReconcilePeriod", DURATION,
            "draManagerReconcilePeriod", DURATION,
            "memoryManagerPolicy", STRING,
            "topologyManagerPolicy", string(KubeletValues::topologyManagerPolicy),
            "topologyManagerScope", string(KubeletValues::topologyManagerScope),
            "topologyManagerPolicyOptions", map(STRING),
            "qosReserved", map(STRING),
            "runtimeRequestTimeout", DURATION,
            "hairpinMode", STRING,
            "maxPods", INT32,
            "podCIDR", STRING,
            "podPidsLimit", INT64,
            "resolvConf", STRING,
            "runOnce", BOOL,
            "cpuCFSQuota", BOOL,
            "cpuCFSQuotaPeriod", DURATION,
            "nodeStatusMaxImages", INT32,
            "maxOpenFiles", INT64,
            "contentType", STRING,
            "kubeAPIQPS", INT32,
            "kubeAPIBurst", INT32,
            "serializeImagePulls", BOOL,
            "maxParallelImagePulls", INT32,
            "evictionHard", map(STRING),
            "evictionSoft", map(STRING),
            "evictionSoftGracePeriod", map(STRING),
            "evictionPressureTransitionPeriod", DURATION,
            "evictionMaxPodGracePeriod", INT32,
            "evictionMinimumReclaim", map(STRING),
            "mergeDefaultEvictionSettings", BOOL,
            "podsPerCore", INT32,
            "enableControllerAttachDetach", BOOL,
            "protectKernelDefaults", BOOL,
            "makeIPTablesUtilChains", BOOL,
            "iptablesMasqueradeBit", INT32,
            "iptablesDropBit", INT32,
            "featureGates", map(BOOL),
            "failSwapOn", BOOL,
            "memorySwap", object("swapBehavior", STRING),
            "containerLogMaxSize", STRING,
            "containerLogMaxFiles", INT32,
            "containerLogMaxWorkers", INT32,
            "containerLogMonitorInterval", DURATION,
            "configMapAndSecretChangeDetectionStrategy", STRING,
            "systemReserved", QUANTITIES,
            "kubeReserved", QUANTITIES,
            "reservedSystemCPUs", string(KubeletValues::cpuSet),
            "showHiddenMetricsForVersion", STRING,
            "systemReservedCgroup", STRING,
            "kubeReservedCgroup", STRING,
            "enforceNodeAllocatable", list(STRING),
            "allowedUnsafeSysctls", list(STRING),
            "volumePluginDir", STRING,
            "providerID", STRING,
            "kernelMemcgNotification", BOOL,
            "logging", ANY,
            "enableSystemLogHandler", BOOL,
            "enableSystemLogQuery", BOOL,
            "shutdownGracePeriod", DURATION,
            "shutdownGracePeriodCriticalPods", DURATION,
            "shutdownGracePeriodByPodPriority", list(object("priority", INT32, "shutdownGracePeriodSeconds", INT64)),
            "crashLoopBackOff", object("maxContainerRestartPeriod", DURATION),
            "reservedMemory", list(object("numaNode", INT32, "limits", QUANTITIES)),
            "enableProfilingHandler", BOOL,
            "enableDebugFlagsHandler", BOOL,
            "seccompDefault", BOOL,
            "memoryThrottlingFactor", FLOAT,
            "memoryReservationPolicy", STRING,
            "registerWithTaints", list(object("key", STRING, "value", STRING, "effect", STRING, "timeAdded", STRING)),
            "registerNode", BOOL,
            "tracing", ANY,
            "localStorageCapacityIsolation", BOOL,
            "containerRuntimeEndpoint", STRING,
            "imageServiceEndpoint", STRING,
            "failCgroupV1", BOOL,
            "userNamespaces", object("idsPerPod", INT64));
}
