<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>crossline::BrowserPage</name>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n item]</numerusform>
            <numerusform>[%n items]</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{%n field(s)}</source>
        <translation>
            <numerusform>{%n field}</numerusform>
            <numerusform>{%n fields}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more — see Raw JSON</source>
        <translation>
            <numerusform>%n more — see Raw JSON</numerusform>
            <numerusform>%n more — see Raw JSON</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) loaded in %1 ms</source>
        <translation>
            <numerusform>%n row loaded in %1 ms</numerusform>
            <numerusform>%n rows loaded in %1 ms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crossline::ProfilesDialog</name>
    <message numerus="yes">
        <source>%1: %n function(s) found; the model and action fields list them.</source>
        <translation>
            <numerusform>%1: %n function found; the model and action fields list it.</numerusform>
            <numerusform>%1: %n functions found; the model and action fields list them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crossline::ConnectionsPage</name>
    <message numerus="yes">
        <source>%n connection(s) · loaded in %1 ms</source>
        <translation>
            <numerusform>%n connection · loaded in %1 ms</numerusform>
            <numerusform>%n connections · loaded in %1 ms</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>crossline::JsonTree</name>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n key}</numerusform>
            <numerusform>{%n keys}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n item]</numerusform>
            <numerusform>[%n items]</numerusform>
        </translation>
    </message>
</context>
</TS>
