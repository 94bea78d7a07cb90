package dev.hoglink;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

/**
 * Loads and initialises, on a background thread while the JavaFX toolkit starts, the libraries the FX thread
 * needs next and would otherwise set up itself before the first frame: Jackson (the window settings are read
 * with it; its ObjectMapper setup loads some 500 classes) and the JDK's XML reader (FXML is parsed with it).
 * Nothing here touches JavaFX or any state of the app; if it has not finished when the FX thread gets there,
 * the FX thread waits for the class initialisation in progress, as it would have done the work itself.
 * Measured with -Xlog:class+load and JFR: see packaging/README.md. {@code -Dhoglink.warmup=false} turns it off.
 */
final class StartupWarmup {

    private StartupWarmup() {
    }

    static void start() {
        if ("false".equalsIgnoreCase(System.getProperty("hoglink.warmup"))) {
            return;
        }
        Thread t = new Thread(StartupWarmup::run, "startup-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    static void run() {
        try {
            ObjectMapper mapper = new ObjectMapper();
            Map<?, ?> m = mapper.readValue("{\"a\":[1,\"b\",true,null,1.5],\"c\":{\"d\":\"e\"}}", Map.class);
            mapper.writeValueAsBytes(m);
            XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(new StringReader("<a b=\"c\"><d/></a>"));
            while (xml.hasNext()) {
                xml.next();
            }
            xml.close();
        } catch (Exception | LinkageError e) {
            // a warm-up only: whatever failed here is done again, and reported, where it is really needed
        }
    }
}
