<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="80"/>
        <source>%n open ticket(s) shown, nearest deadline first</source>
        <translation>
            <numerusform>%n open ticket shown, nearest deadline first</numerusform>
            <numerusform>%n open tickets shown, nearest deadline first</numerusform>
        </translation>
    </message>
</context>
</TS>
