# cd to this folder, then: gnuplot predicted-vs-simulated.gp
set terminal svg size 960,520 dynamic font 'Helvetica,12'
set output 'predicted-vs-simulated.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics
set title 'Predicted against simulated total energy per inference (every point, network and factor)' noenhanced
set xlabel 'simulated energy per inference (mJ)' noenhanced
set ylabel 'predicted energy per inference (mJ)' noenhanced
set yrange [0:*]
set logscale xy
set yrange [*:*]
set key outside right top
set size ratio -1
plot 'predicted-vs-simulated.dat' index 0 using 1:2 with points pt 5 ps 1.2 title 'protocol-aware model' noenhanced, \
     '' index 1 using 1:2 with points pt 7 ps 1.2 title 'paper model (energy per bit)' noenhanced, \
     x with lines dt 2 lc rgb 'gray40' title 'y = x'
set terminal pngcairo size 960,520 font 'Helvetica,11'
set output 'predicted-vs-simulated.png'
replot
set terminal pdfcairo size 6in,3.25in font 'Helvetica,10'
set output 'predicted-vs-simulated.pdf'
replot
unset output
