package dev.hoglink.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A tooltip made on the first hover: its text known before, followed after, gone when empty, wrapped if asked. */
@ExtendWith(ApplicationExtension.class)
class HoverTipFxTest {

    // made in start(): a control's class needs the toolkit running
    Button plain;
    Label bound;
    Button declared;
    Button coded;
    final SimpleStringProperty codedText = new SimpleStringProperty("Permission: yes");
    final SimpleStringProperty text = new SimpleStringProperty("first");
    HoverTip plainTip;

    @Start
    void start(Stage stage) {
        plain = new Button("Plain");
        bound = new Label("Bound");
        declared = new Button("Declared");
        plainTip = HoverTip.on(plain).wrapAt(300);
        plainTip.setText("Does a thing");
        HoverTip.on(bound).bind(text);
        declared.getProperties().put(HoverTip.TEXT, "As the FXML said");
        // A controller's own tip, made in initialize(), before the loader installs the declared ones.
        coded = new Button("Coded");
        HoverTip.on(coded).wrapAt(250).bind(codedText);
        HoverTip.installDeclared(List.of(declared, "not a control", coded));
        stage.setScene(new Scene(new VBox(20, plain, bound, declared, coded), 300, 300));
        stage.show();
    }

    @Test
    void noTooltipUntilTheFirstHoverThenOneWithTheTextAndItsWrap(FxRobot robot) {
        assertNull(plain.getTooltip());
        assertEquals("Does a thing", HoverTip.textOf(plain));
        robot.moveTo(plain);
        WaitForAsyncUtils.waitForFxEvents();
        var t = plain.getTooltip();
        assertEquals("Does a thing", t.getText());
        assertTrue(t.isWrapText());
        assertEquals(300, t.getMaxWidth());
        robot.interact(() -> plainTip.setText("Does another"));
        assertSame(t, plain.getTooltip(), "one tooltip, its text changed");
        assertEquals("Does another", t.getText());
        robot.interact(() -> plainTip.setText(""));
        assertNull(plain.getTooltip(), "no text, no tooltip");
        assertNull(HoverTip.textOf(plain));
        robot.interact(() -> plainTip.setText("Back"));
        assertEquals("Back", plain.getTooltip().getText());
    }

    /**
     * The loader installed a second tip on every control whose controller had given it one (its text is kept under
     * the same key a declared tip uses); installed last, that copy was shown: unwrapped (the Shared chip's long tip
     * ran off the screen on one line) and with the text of load time (a bound tip stopped following).
     */
    @Test
    void aTipMadeInCodeIsNotCopiedAsADeclaredOne(FxRobot robot) {
        robot.interact(() -> codedText.set("Permission: no, ask an admin"));
        robot.moveTo(coded);
        WaitForAsyncUtils.waitForFxEvents();
        var t = coded.getTooltip();
        assertEquals("Permission: no, ask an admin", t.getText());
        assertTrue(t.isWrapText());
        assertEquals(250, t.getMaxWidth());
        assertSame(HoverTip.on(coded), HoverTip.on(coded), "one tip per control");
    }

    @Test
    void aBoundTipFollowsItsValueBeforeAndAfterTheHover(FxRobot robot) {
        assertEquals("first", HoverTip.textOf(bound));
        robot.interact(() -> text.set("second"));
        assertEquals("second", HoverTip.textOf(bound));
        assertNull(bound.getTooltip());
        robot.moveTo(bound);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("second", bound.getTooltip().getText());
        robot.interact(() -> text.set("third"));
        assertEquals("third", bound.getTooltip().getText());
    }

    @Test
    void aDeclaredTipIsInstalledAsOne(FxRobot robot) {
        assertNull(declared.getTooltip());
        robot.moveTo(declared);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("As the FXML said", declared.getTooltip().getText());
    }
}
